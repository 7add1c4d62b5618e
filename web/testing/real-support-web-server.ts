import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AnalyticsAsker } from '../../src/server/analytics-chat.ts';
import { realSupportBackend } from '../../src/server/testing/real-support-kit.ts';
import { startTestServer, type TestServer } from '../../src/server/testing/test-server.ts';
import { webAppExtension } from '../../src/server/web/mount-web-app.ts';
import { createDemoWarehouseFile } from '../../src/testing/demo-warehouse.ts';
import { buildWebApp } from './build-web-app.ts';

const NO_ANALYTICS: AnalyticsAsker = { ask: () => Promise.reject(new Error('analytics is not used by the support browser tests')) };

export interface RealSupportWebServer {
  server: TestServer;
  close(): Promise<void>;
}

/**
 * The production bundle served by a test server over a freshly seeded demo file, answered by the real SupportAgent
 * wired the way `shoplens serve` wires it (loadSupportBackend). close() removes everything it made.
 */
export async function startRealSupportWebServer(options: { users: number; demoLogin: boolean }): Promise<RealSupportWebServer> {
  const [bundle, demo] = await Promise.all([buildWebApp(), createDemoWarehouseFile({ users: options.users, days: 30 })]);
  const evalsDirectory = mkdtempSync(path.join(tmpdir(), 'shoplens-no-evals-'));
  const removeFiles = () => {
    demo.remove();
    bundle.remove();
    rmSync(evalsDirectory, { recursive: true, force: true });
  };
  try {
    const server = await startTestServer({
      databasePath: demo.path,
      analyticsAgent: NO_ANALYTICS,
      backend: realSupportBackend,
      extendApp: webAppExtension({ evalsDirectory, distDirectory: bundle.distDirectory, demoLogin: options.demoLogin }),
    });
    return {
      server,
      async close() {
        await server.close();
        removeFiles();
      },
    };
  } catch (error) {
    removeFiles();
    throw error;
  }
}
