import { WebConfigSchema, type WebConfig } from '../../../src/server/web/web-api-schemas.ts';
import { fetchJson } from './fetch-json.ts';

let loading: Promise<WebConfig> | null = null;

/** What the server offers the pages (demo sign-in or not); a server without the endpoint offers nothing extra. */
export function loadWebConfig(): Promise<WebConfig> {
  loading ??= fetchJson('/api/web/config', WebConfigSchema).catch(() => ({ demoLogin: false }));
  return loading;
}
