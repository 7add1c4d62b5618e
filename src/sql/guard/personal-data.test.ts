import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../warehouse.ts';
import { PersonalDataError } from './guard-errors.ts';
import { openGuardTestWarehouse, TEST_USERS } from './guard-test-warehouse.ts';
import { runGuardedSql } from './run-guarded-sql.ts';

const SHIPPING_PHONE = '13912345678';
const SHIPPING_ADDRESS = '上海市浦东新区世纪大道 100 号';
const CONVERSATION_TITLE = 'my parcel never came, call me';

let warehouse: Warehouse;
beforeAll(async () => {
  ({ warehouse } = await openGuardTestWarehouse('personal-canary'));
  await warehouse.run("UPDATE users SET email = 'alice@example.com', phone = '13800000002' WHERE user_id = 2");
  await warehouse.run('UPDATE orders SET shipping_name = $1, shipping_phone = $2, shipping_address = $3 WHERE order_id = 100', ['张伟', SHIPPING_PHONE, SHIPPING_ADDRESS]);
  await warehouse.run(
    "INSERT INTO conversations (conversation_id, kind, customer_id, title, created_at, updated_at) VALUES ('s1', 'support', 1, $1, now(), now())",
    [CONVERSATION_TITLE],
  );
});
afterAll(() => warehouse.close());

const PERSONAL_VALUES = [...TEST_USERS.map((user) => user.userName), 'alice@example.com', '13800000002', SHIPPING_PHONE, SHIPPING_ADDRESS, CONVERSATION_TITLE];

const REFUSED: Array<[string, string]> = [
  ['select a name', 'SELECT user_name FROM users'],
  ['select an e-mail', 'SELECT email FROM users'],
  ['select a phone, qualified', 'SELECT u.phone FROM users u'],
  ['fully qualified column', 'SELECT main.users.phone FROM users'],
  ['shipping name', 'SELECT shipping_name FROM orders'],
  ['shipping phone', 'SELECT order_id, shipping_phone FROM orders'],
  ['shipping address', 'SELECT shipping_address FROM orders WHERE order_id = 100'],
  ['conversation title', 'SELECT title FROM conversations'],
  ['conversation context', 'SELECT context FROM conversations'],
  ['ticket payload', 'SELECT payload FROM tickets'],
  ['filter on a phone', "SELECT count(*) FROM users WHERE phone LIKE '138%'"],
  ['filter inside count', "SELECT count(*) FILTER (WHERE phone = '13800000002') FROM users"],
  ['computed argument of count', "SELECT count(CASE WHEN email LIKE 'a%' THEN 1 END) FROM users"],
  ['min of a name', 'SELECT min(user_name) FROM users'],
  ['string_agg of names', "SELECT string_agg(user_name, ',') FROM users"],
  ['group by address', 'SELECT shipping_address, count(*) FROM orders GROUP BY 1'],
  ['join on phone', 'SELECT count(*) FROM users u JOIN orders o ON u.phone = o.shipping_phone'],
  ['join using a personal column', 'SELECT count(*) FROM users JOIN (SELECT 1 AS x) s ON true JOIN users u2 USING (email)'],
  ['order by name', 'SELECT user_id FROM users ORDER BY user_name'],
  ['name hidden in a CTE', 'WITH x AS (SELECT user_name AS n FROM users) SELECT n FROM x'],
  ['name hidden in a subquery', 'SELECT n FROM (SELECT upper(user_name) AS n FROM users)'],
  ['star over users', 'SELECT * FROM users'],
  ['star over orders', 'SELECT * FROM orders LIMIT 1'],
  ['qualified star', 'SELECT o.order_id, u.* FROM orders o JOIN users u USING (user_id)'],
  ['star excluding only some', 'SELECT * EXCLUDE (phone) FROM users'],
  ['COLUMNS regex', "SELECT COLUMNS('.*name') FROM users"],
  ['star in a CTE', 'WITH x AS (SELECT * FROM users) SELECT city FROM x'],
  ['whole row as a struct', 'SELECT u FROM users u'],
  ['whole row through to_json', 'SELECT to_json(users) FROM users'],
  ['positional reference', 'SELECT #3 FROM users'],
  ['positional column aliases', 'SELECT c FROM users AS u(a, b, c)'],
  ['struct pack', 'SELECT struct_pack(n := user_name) FROM users'],
  ['list of names', 'SELECT list(user_name) FROM users'],
  ['star over a join with users', 'SELECT * FROM events e JOIN users u USING (user_id) LIMIT 1'],
  ['star in a correlated derived table', 'SELECT * FROM (SELECT * FROM orders) o'],
  ['hash of a phone', 'SELECT md5(phone) FROM users'],
  ['length of an address', 'SELECT length(shipping_address) FROM orders'],
];

describe('personal-data column policy', () => {
  it.each(REFUSED)('refuses %s', async (_name, sql) => {
    const error = await runGuardedSql(warehouse, sql).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PersonalDataError);
    const refusal = error as PersonalDataError;
    expect(refusal.kind).toBe('personal_data');
    expect(refusal.messageFor('en')).toMatch(/Personal data/);
    expect(refusal.messageFor('zh')).toMatch(/个人信息/);
    expect(refusal.toFeedback().object).toBeTruthy();
    for (const value of PERSONAL_VALUES) expect(JSON.stringify(refusal.toFeedback()) + refusal.message).not.toContain(value);
  });

  it('still answers behaviour questions and counts people', async () => {
    const result = await runGuardedSql(
      warehouse,
      'SELECT u.city, count(DISTINCT u.user_id) AS buyers, count(DISTINCT u.phone) AS phones, count(o.shipping_address) AS addressed, sum(o.total_amount) AS revenue FROM orders o JOIN users u USING (user_id) GROUP BY u.city ORDER BY u.city',
    );
    expect(result.rows).toEqual([
      { city: 'Beijing', buyers: 1, phones: 1, addressed: 0, revenue: 25.5 },
      { city: 'Shanghai', buyers: 2, phones: 0, addressed: 1, revenue: 776.5 },
    ]);
    const excluded = await runGuardedSql(warehouse, 'SELECT * EXCLUDE (user_name, email, phone) FROM users ORDER BY user_id');
    expect(excluded.columns.map((column) => column.name)).not.toContain('phone');
    expect(JSON.stringify(excluded.rows)).not.toMatch(/Alice|张伟/);
    const derived = await runGuardedSql(warehouse, 'SELECT * FROM (SELECT user_id, city FROM users) ORDER BY 1 LIMIT 1');
    expect(derived.rows).toEqual([{ user_id: 1, city: 'Shanghai' }]);
    const events = await runGuardedSql(warehouse, 'SELECT * FROM events LIMIT 2');
    expect(events.rows).toHaveLength(2);
  });
});
