import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { ServerConfigurationError } from '../server-errors.ts';

export const DEFAULT_SECRET_PATH = path.join('data', 'secret.key');
const MINIMUM_SECRET_LENGTH = 32;

/**
 * The HS256 signing secret: SHOPLENS_JWT_SECRET if set, otherwise the file SHOPLENS_SECRET_FILE
 * (default data/secret.key), generated with 256 random bits and mode 0600 on first use. `shoplens token`
 * and `shoplens serve` read the same secret, so tokens printed by one are accepted by the other.
 */
export function loadJwtSecret(environment: NodeJS.ProcessEnv = process.env): { secret: string; source: string } {
  const fromEnvironment = environment.SHOPLENS_JWT_SECRET;
  if (fromEnvironment !== undefined && fromEnvironment !== '') {
    if (fromEnvironment.length < MINIMUM_SECRET_LENGTH) {
      throw new ServerConfigurationError(
        `SHOPLENS_JWT_SECRET must be at least ${MINIMUM_SECRET_LENGTH} characters; generate one with "openssl rand -base64 48".`,
        'SHOPLENS_JWT_SECRET',
      );
    }
    return { secret: fromEnvironment, source: 'SHOPLENS_JWT_SECRET' };
  }
  const secretPath = path.resolve(environment.SHOPLENS_SECRET_FILE || DEFAULT_SECRET_PATH);
  if (!existsSync(secretPath)) {
    mkdirSync(path.dirname(secretPath), { recursive: true });
    try {
      // 'wx' fails if another process created it meanwhile; then we simply read theirs below.
      writeFileSync(secretPath, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
      chmodSync(secretPath, 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new ServerConfigurationError(`Could not create the secret file ${secretPath}: ${(error as Error).message}. Set SHOPLENS_JWT_SECRET instead.`, 'SHOPLENS_SECRET_FILE', { cause: error });
      }
    }
  }
  if ((statSync(secretPath).mode & 0o077) !== 0) {
    throw new ServerConfigurationError(`The secret file ${secretPath} is readable by other users; run "chmod 600 ${secretPath}".`, 'SHOPLENS_SECRET_FILE');
  }
  const secret = readFileSync(secretPath, 'utf8').trim();
  if (secret.length < MINIMUM_SECRET_LENGTH) {
    throw new ServerConfigurationError(`The secret file ${secretPath} is too short; delete it to have a new one generated.`, 'SHOPLENS_SECRET_FILE');
  }
  return { secret, source: secretPath };
}
