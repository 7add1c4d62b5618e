import { describe, expect, it } from 'vitest';
import { parseAddress } from './parse-address.ts';

describe('parseAddress', () => {
  it.each([
    ['浙江省杭州市西湖区文三路88号 310012', 'Hangzhou', { street: '文三路88号', postalCode: '310012' }],
    ['上海市浦东新区世纪大道100号1203室', 'Shanghai', { street: '世纪大道100号1203室', postalCode: null }],
    ['88 Wensan Road, Xihu District, Hangzhou, Zhejiang 310012', 'Hangzhou', { street: '88 Wensan Road', postalCode: '310012' }],
    ['Room 1203, 100 Century Avenue, Pudong, Shanghai 200120', 'Shanghai', { street: 'Room 1203, 100 Century Avenue', postalCode: '200120' }],
  ])('%s', (text, city, expected) => {
    expect(parseAddress(text, city)).toEqual({ ...expected, city });
  });

  it('does not take a phone number for a postal code', () => {
    expect(parseAddress('北京市朝阳区建国路88号 电话 13800138000', 'Beijing').postalCode).toBeNull();
  });
});
