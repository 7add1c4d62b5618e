import { describe, expect, it } from 'vitest';
import { CONFIRMATION_ACTIONS } from '../../../src/server/protocol.ts';
import { ENGLISH_MESSAGES } from '../shared/messages-en.ts';
import { CHINESE_MESSAGES } from '../shared/messages-zh.ts';

describe('confirmation card buttons', () => {
  it('say what they do for every action, in both languages', () => {
    for (const messages of [ENGLISH_MESSAGES, CHINESE_MESSAGES] as Record<string, string>[]) {
      for (const action of CONFIRMATION_ACTIONS) {
        expect(messages[`support.confirm.${action}`], action).toBeTruthy();
        expect(messages[`support.decline.${action}`], action).toBeTruthy();
        expect(messages[`support.confirm.${action}`]).not.toBe(messages[`support.decline.${action}`]);
      }
    }
    expect([ENGLISH_MESSAGES['support.confirm.cancel_order'], ENGLISH_MESSAGES['support.decline.cancel_order']]).toEqual(['Cancel order', 'Keep order']);
    expect([CHINESE_MESSAGES['support.confirm.cancel_order'], CHINESE_MESSAGES['support.decline.cancel_order']]).toEqual(['取消订单', '暂不取消']);
  });
});
