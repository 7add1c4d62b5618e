import type { RfmCustomer } from './rfm-scores.ts';

/**
 * Test fixture: ten customers scored by hand with score = 1 + floor(5 × strictly-worse / 10) = 1 + floor(worse / 2):
 *
 * | user | recency | worse (larger) | R | freq | worse (smaller) | F | spend | worse | M | FM = round½↑((F+M)/2) | segment |
 * | 1 | 1  | 9 | 5 | 8 | 9 | 5 | 900  | 8 | 5 | 5   | champions (R5, FM5) |
 * | 2 | 3  | 8 | 5 | 5 | 7 | 4 | 700  | 7 | 4 | 4   | champions (R5, FM4) |
 * | 3 | 5  | 7 | 4 | 5 | 7 | 4 | 120  | 3 | 2 | 3   | potential_loyalists (R4, FM3) |
 * | 4 | 10 | 6 | 4 | 3 | 5 | 3 | 400  | 6 | 4 | 3.5→4 | loyal (R4, FM4) |
 * | 5 | 20 | 5 | 3 | 2 | 3 | 2 | 300  | 5 | 3 | 2.5→3 | need_attention (R3, FM3) |
 * | 6 | 30 | 4 | 3 | 1 | 0 | 1 | 50   | 1 | 1 | 1   | about_to_sleep (R3, FM1) |
 * | 7 | 45 | 3 | 2 | 1 | 0 | 1 | 80   | 2 | 2 | 1.5→2 | hibernating (R2, FM2) |
 * | 8 | 60 | 2 | 2 | 4 | 6 | 4 | 1000 | 9 | 5 | 4.5→5 | cannot_lose (R2, FM5) |
 * | 9 | 75 | 1 | 1 | 1 | 0 | 1 | 20   | 0 | 1 | 1   | lost (R1, FM1) |
 * | 10 | 90 | 0 | 1 | 2 | 3 | 2 | 150 | 4 | 3 | 2.5→3 | at_risk (R1, FM3) |
 */
export const HAND_CUSTOMERS: RfmCustomer[] = [
  { userId: 1, recencyDays: 1, frequency: 8, monetary: 900 },
  { userId: 2, recencyDays: 3, frequency: 5, monetary: 700 },
  { userId: 3, recencyDays: 5, frequency: 5, monetary: 120 },
  { userId: 4, recencyDays: 10, frequency: 3, monetary: 400 },
  { userId: 5, recencyDays: 20, frequency: 2, monetary: 300 },
  { userId: 6, recencyDays: 30, frequency: 1, monetary: 50 },
  { userId: 7, recencyDays: 45, frequency: 1, monetary: 80 },
  { userId: 8, recencyDays: 60, frequency: 4, monetary: 1000 },
  { userId: 9, recencyDays: 75, frequency: 1, monetary: 20 },
  { userId: 10, recencyDays: 90, frequency: 2, monetary: 150 },
];

export const HAND_EXPECTED: [number, number, number, number, string][] = [
  [1, 5, 5, 5, 'champions'],
  [2, 5, 4, 4, 'champions'],
  [3, 4, 4, 2, 'potential_loyalists'],
  [4, 4, 3, 4, 'loyal'],
  [5, 3, 2, 3, 'need_attention'],
  [6, 3, 1, 1, 'about_to_sleep'],
  [7, 2, 1, 2, 'hibernating'],
  [8, 2, 4, 5, 'cannot_lose'],
  [9, 1, 1, 1, 'lost'],
  [10, 1, 2, 3, 'at_risk'],
];
