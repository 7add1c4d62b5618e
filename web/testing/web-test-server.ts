import { AnalyticsAgent } from '../../src/analytics/analytics-agent.ts';
import { signToken } from '../../src/server/auth/tokens.ts';
import { createShopLensServer, type ShopLensServer } from '../../src/server/create-server.ts';
import { createLogger } from '../../src/server/request-logging.ts';
import { FakeHandoffDesk, FakeSupportResponder } from '../../src/server/testing/fake-support.ts';
import { webAppExtension } from '../../src/server/web/mount-web-app.ts';
import { Warehouse } from '../../src/sql/warehouse.ts';

export const WEB_TEST_SECRET = 'shoplens-web-test-secret-0123456789abcdefghijkl';

export interface WebTestServer {
  url: string;
  port: number;
  warehouse: Warehouse;
  server: ShopLensServer;
  responder: FakeSupportResponder;
  analystToken(name?: string): Promise<string>;
  agentToken(name?: string): Promise<string>;
  customerToken(customerId: number): Promise<string>;
  /** Stops the server and opens a new one over the same warehouse file and port (a server restart). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** A real ShopLens server (real analytics agent, the server's fake support responder) with the web app mounted. */
export async function startWebTestServer(options: { databasePath: string; evalsDirectory: string; distDirectory: string; port?: number; ratedGoldenDirectory?: string }): Promise<WebTestServer> {
  let warehouse = await Warehouse.open({ path: options.databasePath, mode: 'sandboxed', memoryLimit: '1GB' });
  let responder = new FakeSupportResponder(warehouse);
  let port = options.port ?? 0;

  const open = async (): Promise<ShopLensServer> => {
    const server = createShopLensServer({
      warehouse,
      secret: WEB_TEST_SECRET,
      analyticsAgent: await AnalyticsAgent.create({ warehouse }),
      supportResponder: responder,
      handoffDesk: new FakeHandoffDesk(warehouse, responder),
      logger: createLogger({ level: 'silent' }),
      // Mounted exactly as `shoplens serve` mounts it: behind the server's helmet (CSP), before its 404 handler.
      extendApp: webAppExtension({ evalsDirectory: options.evalsDirectory, distDirectory: options.distDirectory, demoLogin: true, ratedGoldenDirectory: options.ratedGoldenDirectory }),
    });
    const address = await server.listen(port, '127.0.0.1');
    port = address.port;
    return server;
  };

  let server = await open();
  const handle: WebTestServer = {
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    get port() {
      return port;
    },
    get warehouse() {
      return warehouse;
    },
    get server() {
      return server;
    },
    get responder() {
      return responder;
    },
    analystToken: (name = 'ana') => signToken(WEB_TEST_SECRET, { role: 'analyst', name }, '1h'),
    agentToken: (name = 'agent-1') => signToken(WEB_TEST_SECRET, { role: 'agent', name }, '1h'),
    customerToken: (customerId) => signToken(WEB_TEST_SECRET, { role: 'customer', customerId }, '1h'),
    async restart() {
      await server.close();
      warehouse.close();
      warehouse = await Warehouse.open({ path: options.databasePath, mode: 'sandboxed', memoryLimit: '1GB' });
      responder = new FakeSupportResponder(warehouse);
      server = await open();
    },
    async close() {
      await server.close();
      warehouse.close();
    },
  };
  return handle;
}
