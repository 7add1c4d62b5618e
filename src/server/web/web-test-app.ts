import type { AddressInfo } from 'node:net';
import express from 'express';

/** Serves one express app on 127.0.0.1 and a free port, for the route tests in this folder. */
export async function serveForTest(configure: (app: express.Express) => void): Promise<{ url: string; close(): Promise<void> }> {
  const app = express();
  configure(app);
  app.use((_request, response) => {
    response.status(404).json({ error: { code: 'not_found', message: 'fell through' } });
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
