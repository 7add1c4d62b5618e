import { describe, expect, it } from 'vitest';
import { signToken } from '../../../src/server/auth/tokens.ts';
import { credentialFromPaste, headersOf, subjectOfToken } from './credentials.ts';

describe('credentialFromPaste', () => {
  it('recognises a signed token and reads its subject for display', async () => {
    const token = await signToken('x'.repeat(40), { role: 'analyst', name: 'ana' }, '1h');
    const credential = credentialFromPaste(`  ${token}\n`);
    expect(credential).toEqual({ kind: 'token', value: token, label: 'analyst:ana' });
    expect(headersOf(credential)).toEqual({ authorization: `Bearer ${token}` });
  });

  it('takes anything else as the API key', () => {
    const credential = credentialFromPaste('sk-local-key');
    expect(credential).toEqual({ kind: 'apiKey', value: 'sk-local-key', label: 'API key' });
    expect(headersOf(credential)).toEqual({ 'x-api-key': 'sk-local-key' });
  });

  it('shows no subject for a token-shaped string that is not a JWT', () => {
    expect(subjectOfToken('abc.def.ghi')).toBeNull();
  });
});
