/** `shoplens sync` cannot run as asked; the message says what to do instead. */
export class SyncError extends Error {
  override readonly name = 'SyncError';
  constructor(
    message: string,
    readonly kind: 'no_operational_store' | 'held_by_server' | 'bad_option' = 'no_operational_store',
  ) {
    super(message);
  }
}
