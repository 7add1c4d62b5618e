import type { Namespace, Socket } from 'socket.io';
import { AuthenticationError } from '../server-errors.ts';
import { authenticate, credentialsOfHandshake, type AuthenticationSettings } from './authenticate.ts';
import type { Principal } from './tokens.ts';
import { tokenDigest } from './token-revocations.ts';

/** socket.io sends `message` and `data` of a middleware error to the client's connect_error handler. */
class ConnectionRefusedError extends Error {
  override readonly name = 'ConnectionRefusedError';
  constructor(
    message: string,
    readonly data: { code: string },
    options: { cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
  }
}

/** Refuses the connection unless the handshake carries a valid credential of one of these roles. */
export function requireRoles(namespace: Namespace, roles: readonly Principal['role'][], settings: AuthenticationSettings): void {
  namespace.use((socket: Socket, next: (error?: Error) => void) => {
    const credentials = credentialsOfHandshake(socket.handshake.auth, socket.handshake.headers);
    authenticate(credentials, roles, settings).then(
      (principal) => {
        socket.data.principal = principal;
        // Remembered so a sign-out or revocation can close this very connection.
        if (credentials.token) socket.data.tokenDigest = tokenDigest(credentials.token);
        next();
      },
      (error: unknown) => {
        const code = error instanceof AuthenticationError ? error.code : 'unauthorized';
        const message = error instanceof AuthenticationError ? error.message : 'Authentication failed.';
        next(new ConnectionRefusedError(message, { code }, { cause: error }));
      },
    );
  });
}

export function principalOf(socket: Socket): Principal {
  const principal = socket.data.principal as Principal | undefined;
  // The middleware above runs before any connection handler, so this only fires on a programming error.
  if (!principal) throw new AuthenticationError('unauthorized', 'The connection is not authenticated.');
  return principal;
}
