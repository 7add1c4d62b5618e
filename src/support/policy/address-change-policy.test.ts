import { describe, expect, it } from 'vitest';
import { checkAddressChange } from './address-change-policy.ts';
import { ORDER_STATUSES } from './order-facts.ts';

const address = '上海市浦东新区世纪大道100号';

describe('checkAddressChange (P5)', () => {
  it('allows pending and paid orders only (the boundary is shipping)', () => {
    const verdicts = Object.fromEntries(ORDER_STATUSES.map((status) => [status, checkAddressChange({ order: { status }, address, city: 'Shanghai' }).allowed]));
    expect(verdicts).toEqual({ pending: true, paid: true, shipped: false, delivered: false, cancelled: false, returned: false });
    expect(checkAddressChange({ order: { status: 'shipped' }, address, city: 'Shanghai' })).toMatchObject({ code: 'already_shipped', section: 'P5 address-change' });
  });

  it('needs a complete address naming a known city', () => {
    expect(checkAddressChange({ order: { status: 'paid' }, address: '上海', city: 'Shanghai' }).code).toBe('incomplete_address');
    expect(checkAddressChange({ order: { status: 'paid' }, address: '某某省某某市某某路1号', city: null }).code).toBe('unknown_city');
  });
});
