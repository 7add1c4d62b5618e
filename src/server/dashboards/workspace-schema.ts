import type { Warehouse } from '../../sql/warehouse.ts';

/**
 * What analysts keep and say about answers (dashboards, SQL edits, ratings): the app's own tables in a schema of
 * their own, never the behaviour tables, and not the cache schema either (that one may be dropped at any time;
 * these are the analysts' work). No guarded policy lists this schema, so model-written SQL cannot read it.
 */
export const WORKSPACE_SCHEMA = 'shoplens_workspace';

const DDL = `
  CREATE SCHEMA IF NOT EXISTS ${WORKSPACE_SCHEMA};
  CREATE TABLE IF NOT EXISTS ${WORKSPACE_SCHEMA}.dashboards (
    dashboard_id VARCHAR PRIMARY KEY,
    analyst_id   VARCHAR NOT NULL,
    name         VARCHAR NOT NULL,
    created_at   TIMESTAMP NOT NULL,
    updated_at   TIMESTAMP NOT NULL,
    UNIQUE (analyst_id, name)
  );
  CREATE TABLE IF NOT EXISTS ${WORKSPACE_SCHEMA}.dashboard_items (
    item_id                VARCHAR PRIMARY KEY,
    dashboard_id           VARCHAR NOT NULL,
    position               INTEGER NOT NULL,
    question               VARCHAR NOT NULL,
    language               VARCHAR NOT NULL,
    sql                    VARCHAR,
    original_sql           VARCHAR,
    edit_id                VARCHAR,
    chart_kind             VARCHAR,
    source_conversation_id VARCHAR NOT NULL,
    source_seq             BIGINT NOT NULL,
    pinned_answer          JSON NOT NULL,
    created_at             TIMESTAMP NOT NULL
  );
  CREATE TABLE IF NOT EXISTS ${WORKSPACE_SCHEMA}.answer_edits (
    edit_id         VARCHAR PRIMARY KEY,
    analyst_id      VARCHAR NOT NULL,
    conversation_id VARCHAR NOT NULL,
    seq             BIGINT NOT NULL,
    original_sql    VARCHAR,
    edited_sql      VARCHAR NOT NULL,
    created_at      TIMESTAMP NOT NULL
  );
  CREATE TABLE IF NOT EXISTS ${WORKSPACE_SCHEMA}.answer_ratings (
    rating_id       VARCHAR PRIMARY KEY,
    analyst_id      VARCHAR NOT NULL,
    conversation_id VARCHAR NOT NULL,
    seq             BIGINT NOT NULL,
    edit_id         VARCHAR,
    rating          VARCHAR NOT NULL CHECK (rating IN ('up', 'down')),
    comment         VARCHAR,
    question        VARCHAR NOT NULL,
    language        VARCHAR NOT NULL,
    sql             VARCHAR,
    golden_file     VARCHAR,
    golden_id       VARCHAR,
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL
  );`;

const ready = new WeakMap<Warehouse, Promise<void>>();

/** Creates the workspace tables once per warehouse (idempotent; concurrent callers share one run). */
export function ensureWorkspaceSchema(warehouse: Warehouse): Promise<void> {
  let pending = ready.get(warehouse);
  if (!pending) {
    pending = warehouse.run(DDL);
    pending.catch(() => ready.delete(warehouse));
    ready.set(warehouse, pending);
  }
  return pending;
}
