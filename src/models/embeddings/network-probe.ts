import { lookup } from 'node:dns/promises';

/**
 * Whether `host` resolves within `timeoutMilliseconds`. Only a DNS lookup: nothing is downloaded. A host that
 * resolves but is firewalled still fails later, at model loading, and that failure is reported too.
 */
export async function hostResolves(host: string, timeoutMilliseconds = 1500): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMilliseconds);
  });
  try {
    return await Promise.race([lookup(host).then(() => true, () => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
