import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A private ClickHouse server started from the Debian package for one test file, on free ports of 127.0.0.1. */
export interface DebianClickHouseServer {
  /** http://127.0.0.1:PORT */
  httpUrl: string;
  /** Database the reader may see (created by the test as `default`). */
  database: string;
  reader: { username: string; password: string };
  stop(): Promise<void>;
}

export const DEBIAN_CLICKHOUSE_BINARIES = ['/usr/bin/clickhouse-server', '/usr/sbin/clickhouse-server'];

/** The read-only profile of docs/clickhouse.md in users.xml form (Debian's 18.16 has no SQL users or constraints). */
function usersXml(database: string, password: string): string {
  return `<?xml version="1.0"?>
<yandex>
  <profiles>
    <default><max_memory_usage>1000000000</max_memory_usage></default>
    <shoplens_reader_profile>
      <readonly>2</readonly>
      <max_execution_time>2</max_execution_time>
      <timeout_overflow_mode>throw</timeout_overflow_mode>
      <max_memory_usage>1000000000</max_memory_usage>
      <max_result_rows>100000</max_result_rows>
      <result_overflow_mode>break</result_overflow_mode>
    </shoplens_reader_profile>
  </profiles>
  <users>
    <default><password></password><networks><ip>127.0.0.1</ip></networks><profile>default</profile><quota>default</quota></default>
    <shoplens_reader>
      <password>${password}</password>
      <networks><ip>127.0.0.1</ip></networks>
      <profile>shoplens_reader_profile</profile>
      <quota>default</quota>
      <allow_databases><database>${database}</database></allow_databases>
    </shoplens_reader>
  </users>
  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
`;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * Starts `clickhouse-server` (apt-get install clickhouse-server) with its data in a temp folder, or returns undefined
 * when the package is not installed. The caller stops it.
 */
export async function startDebianClickHouseServer(): Promise<DebianClickHouseServer | undefined> {
  const binary = DEBIAN_CLICKHOUSE_BINARIES.find((candidate) => existsSync(candidate));
  if (!binary) return undefined;
  const folder = mkdtempSync(path.join(tmpdir(), 'shoplens-clickhouse-server-'));
  const [httpPort, tcpPort] = [await freePort(), await freePort()];
  const database = 'shoplens_test';
  const reader = { username: 'shoplens_reader', password: 'reader-secret' };
  writeFileSync(path.join(folder, 'users.xml'), usersXml(database, reader.password));
  writeFileSync(
    path.join(folder, 'config.xml'),
    `<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><console>1</console></logger>
  <http_port>${httpPort}</http_port>
  <tcp_port>${tcpPort}</tcp_port>
  <listen_host>127.0.0.1</listen_host>
  <path>${folder}/data/</path>
  <tmp_path>${folder}/tmp/</tmp_path>
  <user_files_path>${folder}/user_files/</user_files_path>
  <users_config>${folder}/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <mark_cache_size>104857600</mark_cache_size>
</yandex>
`,
  );
  const child = spawn(binary, [`--config-file=${path.join(folder, 'config.xml')}`], { stdio: ['ignore', 'ignore', 'pipe'] });
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => (output = `${output}${chunk.toString()}`.slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const httpUrl = `http://127.0.0.1:${httpPort}`;
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(folder, { recursive: true, force: true });
  };
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if (child.exitCode !== null) break;
    const ready = await fetch(`${httpUrl}/?query=SELECT%201`).then((response) => response.ok, () => false);
    if (ready) return { httpUrl, database, reader, stop };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await stop();
  throw new Error(`clickhouse-server did not start: ${output}`);
}
