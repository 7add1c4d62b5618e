-- ShopLens canonical warehouse schema (DuckDB). Column meanings, in English and Chinese: docs/schema.md.
-- Every statement is idempotent so that opening an existing warehouse is a no-op.
-- The large fact table (events) deliberately has no primary key: DuckDB's ART index would slow bulk loads
-- and nothing looks events up one at a time.

CREATE TABLE IF NOT EXISTS meta (
  key   VARCHAR PRIMARY KEY,
  value VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS users (
  user_id          BIGINT PRIMARY KEY,
  external_id      VARCHAR,
  user_name        VARCHAR,
  email            VARCHAR,
  phone            VARCHAR,
  signup_date      DATE,
  gender           VARCHAR CHECK (gender IN ('male', 'female', 'unknown')),
  age              INTEGER CHECK (age IS NULL OR age BETWEEN 0 AND 120),
  country          VARCHAR,
  province         VARCHAR,
  city             VARCHAR,
  city_tier        VARCHAR CHECK (city_tier IS NULL OR city_tier IN ('tier1', 'new_tier1', 'tier2', 'tier3', 'tier4')),
  preferred_device VARCHAR CHECK (preferred_device IS NULL OR preferred_device IN ('ios', 'android', 'mobile_web', 'pc', 'mini_program')),
  channel          VARCHAR,
  source           VARCHAR NOT NULL DEFAULT 'demo'
);

CREATE TABLE IF NOT EXISTS products (
  product_id  BIGINT PRIMARY KEY,
  sku         VARCHAR,
  title_zh    VARCHAR,
  title_en    VARCHAR,
  category    VARCHAR,
  category_zh VARCHAR,
  brand       VARCHAR,
  price       DECIMAL(12, 2) CHECK (price IS NULL OR price >= 0),
  launch_date DATE,
  source      VARCHAR NOT NULL DEFAULT 'demo'
);

-- Variants (added later; ALTER keeps existing warehouses in step): products of one product_group are the options
-- (colour, size, capacity …) of one product, option_en / option_zh name the option, stock is units available now.
ALTER TABLE products ADD COLUMN IF NOT EXISTS product_group BIGINT;
ALTER TABLE products ADD COLUMN IF NOT EXISTS option_en VARCHAR;
ALTER TABLE products ADD COLUMN IF NOT EXISTS option_zh VARCHAR;
ALTER TABLE products ADD COLUMN IF NOT EXISTS stock INTEGER;

CREATE TABLE IF NOT EXISTS events (
  event_id      BIGINT NOT NULL,
  user_id       BIGINT NOT NULL,
  session_id    BIGINT NOT NULL,
  product_id    BIGINT,
  event_type    VARCHAR NOT NULL CHECK (event_type IN ('view', 'search', 'cart', 'fav', 'purchase', 'like', 'share')),
  search_query  VARCHAR,
  event_time    TIMESTAMP NOT NULL,
  dwell_seconds DOUBLE,
  device        VARCHAR,
  page          VARCHAR
);

CREATE TABLE IF NOT EXISTS orders (
  order_id         BIGINT PRIMARY KEY,
  order_no         VARCHAR NOT NULL UNIQUE,
  user_id          BIGINT,
  status           VARCHAR NOT NULL CHECK (status IN ('pending', 'paid', 'shipped', 'delivered', 'cancelled', 'returned')),
  created_at       TIMESTAMP NOT NULL,
  paid_at          TIMESTAMP,
  shipped_at       TIMESTAMP,
  delivered_at     TIMESTAMP,
  cancelled_at     TIMESTAMP,
  returned_at      TIMESTAMP,
  items_amount     DECIMAL(12, 2) NOT NULL,
  discount_amount  DECIMAL(12, 2) NOT NULL DEFAULT 0,
  shipping_fee     DECIMAL(12, 2) NOT NULL DEFAULT 0,
  total_amount     DECIMAL(12, 2) NOT NULL,
  payment_method   VARCHAR,
  shipping_name    VARCHAR,
  shipping_phone   VARCHAR,
  shipping_address VARCHAR,
  shipping_city    VARCHAR,
  shipping_country VARCHAR,
  carrier          VARCHAR,
  tracking_number  VARCHAR,
  device           VARCHAR,
  exchange_count   INTEGER NOT NULL DEFAULT 0,
  source           VARCHAR NOT NULL DEFAULT 'demo'
);

-- Added after the first release: warehouses created before it gain the column when opened for writing.
ALTER TABLE orders ADD COLUMN IF NOT EXISTS shipping_country VARCHAR;
-- cancel_reason: from the support policy's fixed list (src/support/policy/cancel-reasons.ts), NULL if unknown.
ALTER TABLE orders ADD COLUMN IF NOT EXISTS cancel_reason VARCHAR;
-- shipping_postal_code: parsed from an address a shopper gives the support bot (NULL when not given).
ALTER TABLE orders ADD COLUMN IF NOT EXISTS shipping_postal_code VARCHAR;

CREATE TABLE IF NOT EXISTS order_items (
  order_id          BIGINT NOT NULL,
  line_no           INTEGER NOT NULL,
  product_id        BIGINT NOT NULL,
  quantity          INTEGER NOT NULL CHECK (quantity > 0),
  unit_price        DECIMAL(12, 2) NOT NULL,
  amount            DECIMAL(12, 2) NOT NULL,
  returned_quantity INTEGER NOT NULL DEFAULT 0 CHECK (returned_quantity >= 0),
  PRIMARY KEY (order_id, line_no)
);

-- Shopper profile and money (added with issue 11; IF NOT EXISTS so older warehouses gain them when opened for writing).
-- customer_addresses: a shopper's saved addresses, parsed into fields; at most one row per user has is_default.
CREATE TABLE IF NOT EXISTS customer_addresses (
  address_id   BIGINT PRIMARY KEY,
  user_id      BIGINT NOT NULL,
  recipient    VARCHAR,
  phone        VARCHAR,
  street       VARCHAR NOT NULL,
  city         VARCHAR,
  province     VARCHAR,
  postal_code  VARCHAR,
  country      VARCHAR,
  full_address VARCHAR,
  is_default   BOOLEAN NOT NULL DEFAULT false,
  created_at   TIMESTAMP NOT NULL,
  updated_at   TIMESTAMP
);

-- payment_methods: saved methods; last4 only for cards (never a full number), balance only for gift cards.
CREATE TABLE IF NOT EXISTS payment_methods (
  method_id  BIGINT PRIMARY KEY,
  user_id    BIGINT NOT NULL,
  kind       VARCHAR NOT NULL CHECK (kind IN ('credit_card', 'union_pay', 'alipay', 'wechat_pay', 'paypal', 'gift_card')),
  last4      VARCHAR CHECK (last4 IS NULL OR regexp_full_match(last4, '[0-9]{4}')),
  balance    DECIMAL(12, 2) CHECK (balance IS NULL OR balance >= 0),
  is_default BOOLEAN NOT NULL DEFAULT false,
  created_at TIMESTAMP NOT NULL
);

-- payments: every money movement of an order; amount is positive, kind says the direction.
CREATE TABLE IF NOT EXISTS payments (
  payment_id BIGINT PRIMARY KEY,
  order_id   BIGINT NOT NULL,
  kind       VARCHAR NOT NULL CHECK (kind IN ('charge', 'refund')),
  method     VARCHAR NOT NULL,
  method_id  BIGINT,
  amount     DECIMAL(12, 2) NOT NULL CHECK (amount >= 0),
  created_at TIMESTAMP NOT NULL,
  reason     VARCHAR
);

CREATE TABLE IF NOT EXISTS reviews (
  review_id   BIGINT PRIMARY KEY,
  user_id     BIGINT NOT NULL,
  product_id  BIGINT NOT NULL,
  order_id    BIGINT,
  rating      INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
  review_text VARCHAR,
  language    VARCHAR CHECK (language IS NULL OR language IN ('zh', 'en')),
  created_at  TIMESTAMP NOT NULL,
  likes       INTEGER NOT NULL DEFAULT 0
);

-- Customer-service side (filled by the support server; analysable like any other table).

CREATE TABLE IF NOT EXISTS conversations (
  conversation_id VARCHAR PRIMARY KEY,
  kind            VARCHAR NOT NULL CHECK (kind IN ('analytics', 'support')),
  customer_id     BIGINT,
  analyst_id      VARCHAR,
  state           VARCHAR NOT NULL DEFAULT 'bot' CHECK (state IN ('bot', 'queued', 'human', 'resolved')),
  language        VARCHAR,
  title           VARCHAR,
  context         JSON,
  last_seq        BIGINT NOT NULL DEFAULT 0,
  created_at      TIMESTAMP NOT NULL,
  updated_at      TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS messages (
  conversation_id VARCHAR NOT NULL,
  seq             BIGINT NOT NULL,
  role            VARCHAR NOT NULL CHECK (role IN ('user', 'assistant', 'tool', 'system', 'agent')),
  content         VARCHAR,
  payload         JSON,
  intent          VARCHAR,
  idempotency_key VARCHAR,
  created_at      TIMESTAMP NOT NULL,
  PRIMARY KEY (conversation_id, seq)
);

CREATE TABLE IF NOT EXISTS tickets (
  ticket_id       VARCHAR PRIMARY KEY,
  conversation_id VARCHAR,
  customer_id     BIGINT,
  order_id        BIGINT,
  kind            VARCHAR NOT NULL CHECK (kind IN ('cancel', 'return', 'exchange', 'address_change', 'handoff', 'other')),
  status          VARCHAR NOT NULL CHECK (status IN ('open', 'approved', 'denied', 'completed', 'closed')),
  reason          VARCHAR,
  payload         JSON,
  created_at      TIMESTAMP NOT NULL,
  updated_at      TIMESTAMP NOT NULL
);

-- Append-only by convention: application code only ever INSERTs here.
CREATE TABLE IF NOT EXISTS audit_log (
  audit_id        VARCHAR PRIMARY KEY,
  occurred_at     TIMESTAMP NOT NULL,
  actor           VARCHAR NOT NULL,
  conversation_id VARCHAR,
  tool            VARCHAR NOT NULL,
  arguments       JSON,
  policy_decision VARCHAR,
  result          JSON
);

CREATE TABLE IF NOT EXISTS knowledge_articles (
  article_id VARCHAR NOT NULL,
  language   VARCHAR NOT NULL CHECK (language IN ('zh', 'en')),
  kind       VARCHAR NOT NULL CHECK (kind IN ('policy', 'faq')),
  section    VARCHAR NOT NULL,
  title      VARCHAR NOT NULL,
  body       VARCHAR NOT NULL,
  tags       VARCHAR[],
  updated_at TIMESTAMP NOT NULL,
  PRIMARY KEY (article_id, language)
);

-- One row per import: the data-quality report of issue 2.
CREATE TABLE IF NOT EXISTS import_runs (
  run_id      VARCHAR PRIMARY KEY,
  format      VARCHAR NOT NULL,
  files       VARCHAR[] NOT NULL,
  started_at  TIMESTAMP NOT NULL,
  finished_at TIMESTAMP NOT NULL,
  rows_read   BIGINT NOT NULL,
  rows_kept   BIGINT NOT NULL,
  report      JSON NOT NULL
);

-- Customer-service agent (src/support, docs/support-agent.md).
-- A write the shopper has previewed but not yet confirmed: a one-time token bound to the conversation and the
-- customer, holding the exact operation that will run when (and only if) the shopper says yes before expires_at.
CREATE TABLE IF NOT EXISTS support_confirmations (
  confirmation_id VARCHAR PRIMARY KEY,
  conversation_id VARCHAR NOT NULL,
  customer_id     BIGINT NOT NULL,
  order_id        BIGINT NOT NULL,
  tool            VARCHAR NOT NULL,
  operation       JSON NOT NULL,
  summary_en      VARCHAR NOT NULL,
  summary_zh      VARCHAR NOT NULL,
  policy_section  VARCHAR,
  status          VARCHAR NOT NULL CHECK (status IN ('pending', 'committed', 'declined', 'expired', 'superseded', 'rejected')),
  created_at      TIMESTAMP NOT NULL,
  expires_at      TIMESTAMP NOT NULL,
  resolved_at     TIMESTAMP
);
-- A profile write (the default address) names no order.
ALTER TABLE support_confirmations ALTER COLUMN order_id DROP NOT NULL;

-- Append-only log of what happened in support chats, for analytics (no message text, no personal data):
-- one 'turn' row per shopper message with its intent, plus policy denials, confirmations, commits and hand-offs.
CREATE TABLE IF NOT EXISTS support_events (
  event_id        VARCHAR PRIMARY KEY,
  occurred_at     TIMESTAMP NOT NULL,
  conversation_id VARCHAR,
  customer_id     BIGINT,
  event_type      VARCHAR NOT NULL,
  intent          VARCHAR,
  tool            VARCHAR,
  order_id        BIGINT,
  policy_section  VARCHAR,
  outcome         VARCHAR,
  planner         VARCHAR,
  language        VARCHAR
);
-- A shopper's 1–5 rating of a conversation a human agent resolved (CSAT): one per conversation.
ALTER TABLE support_events ADD COLUMN IF NOT EXISTS rating SMALLINT;
CREATE TABLE IF NOT EXISTS support_ratings (
  conversation_id VARCHAR PRIMARY KEY,
  customer_id     BIGINT NOT NULL,
  agent_id        VARCHAR,
  rating          SMALLINT NOT NULL CHECK (rating BETWEEN 1 AND 5),
  rated_at        TIMESTAMP NOT NULL
);

-- Revoked server tokens (src/server/auth/token-revocations.ts): one token by its SHA-256 ('token'), or every token of
-- a principal issued before revoked_at ('subject', e.g. a removed agent). Rows past expires_at can be dropped.
CREATE TABLE IF NOT EXISTS token_revocations (
  kind       VARCHAR NOT NULL CHECK (kind IN ('token', 'subject')),
  key        VARCHAR NOT NULL,
  revoked_at TIMESTAMP NOT NULL,
  expires_at TIMESTAMP,
  PRIMARY KEY (kind, key)
);
