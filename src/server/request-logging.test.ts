import { describe, expect, it } from 'vitest';
import { redactText } from './request-logging.ts';

describe('redactText', () => {
  it('masks e-mails, phone numbers, JWTs and credential parameters, and keeps the rest', () => {
    const token = 'eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoiY3VzdG9tZXIifQ.c2lnbmF0dXJl';
    expect(redactText(`/api/x?email=li.wei@example.com&phone=+86 138-0013-8000&token=${token}&page=2`)).toBe(
      '/api/x?email=[email]&phone=[phone]&token=[redacted]&page=2',
    );
    expect(redactText(`Bearer ${token}`)).toBe('Bearer [token]');
    expect(redactText('/healthz')).toBe('/healthz');
    expect(redactText('/orders/SL2025113000000145')).toBe('/orders/SL[phone]');
  });
});
