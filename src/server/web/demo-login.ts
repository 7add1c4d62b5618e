import express from 'express';
import type { Warehouse } from '../../sql/warehouse.ts';
import { signToken, ttlSeconds } from '../auth/tokens.ts';
import { DemoTokenRequestSchema, type DemoCustomer } from './web-api-schemas.ts';

const DEMO_TOKEN_TTL = '8h';
const DEMO_CUSTOMER_COUNT = 12;

/** Demo sign-in is for local demos only: on when the environment says SHOPLENS_DEMO_LOGIN=1, never by default. */
export function demoLoginEnabled(environment: NodeJS.ProcessEnv = process.env): boolean {
  return environment.SHOPLENS_DEMO_LOGIN === '1';
}

/** A few customers with orders, those whose latest order can still be cancelled first (the demo's cancel story). */
export async function listDemoCustomers(warehouse: Warehouse): Promise<DemoCustomer[]> {
  const result = await warehouse.query(
    `SELECT u.user_id, u.user_name, count(*) AS order_count,
            arg_max(o.order_no, o.created_at) AS latest_order_no, arg_max(o.status, o.created_at) AS latest_status
       FROM users u JOIN orders o ON o.user_id = u.user_id
      GROUP BY u.user_id, u.user_name
      ORDER BY arg_max(o.status, o.created_at) IN ('pending', 'paid') DESC, u.user_id
      LIMIT ${DEMO_CUSTOMER_COUNT}`,
  );
  return result.rows.map((row) => ({
    customerId: Number(row.user_id),
    name: typeof row.user_name === 'string' ? row.user_name : null,
    orderCount: Number(row.order_count),
    latestOrderNumber: typeof row.latest_order_no === 'string' ? row.latest_order_no : null,
    latestOrderStatus: typeof row.latest_status === 'string' ? row.latest_status : null,
  }));
}

/**
 * GET /api/web/config always (tells the page whether demo sign-in exists). When enabled: GET /api/web/demo/customers
 * and POST /api/web/demo/token ({ role: 'analyst' | 'agent' } or { role: 'customer', customerId }), which hand out
 * tokens to anyone who asks — exactly why they answer 404 unless SHOPLENS_DEMO_LOGIN=1.
 */
export function demoLoginRouter(options: { enabled: boolean; secret: string; warehouse?: Warehouse }): express.Router {
  const router = express.Router();
  router.get('/api/web/config', (_request, response) => {
    response.json({ demoLogin: options.enabled });
  });
  if (!options.enabled) return router;

  router.get('/api/web/demo/customers', async (_request, response) => {
    if (!options.warehouse) {
      response.json({ customers: [] });
      return;
    }
    try {
      response.json({ customers: await listDemoCustomers(options.warehouse) });
    } catch {
      response.status(500).json({ error: { code: 'internal', message: 'Could not list demo customers; is the warehouse seeded (npx shoplens seed)?' } });
    }
  });

  router.post('/api/web/demo/token', express.json({ limit: '4kb' }), async (request, response) => {
    const parsed = DemoTokenRequestSchema.safeParse(request.body ?? {});
    if (!parsed.success) {
      response.status(400).json({ error: { code: 'invalid_payload', message: 'Send {"role":"analyst"}, {"role":"agent"} or {"role":"customer","customerId":N}.' } });
      return;
    }
    const body = parsed.data;
    const identity = body.role === 'customer' ? { role: 'customer' as const, customerId: body.customerId } : { role: body.role, name: `demo-${body.role}` };
    const token = await signToken(options.secret, identity, DEMO_TOKEN_TTL);
    response.json({ token, expiresInSeconds: ttlSeconds(DEMO_TOKEN_TTL) });
  });
  return router;
}
