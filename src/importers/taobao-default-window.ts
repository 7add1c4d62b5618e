/**
 * The documented window of the Tianchi UserBehavior data: 2017-11-25 00:00 to 2017-12-03 24:00, China time. On its
 * own so `shoplens --help` can show it without loading the importer.
 */
export const TAOBAO_DEFAULT_WINDOW = { timeFrom: '2017-11-25 00:00:00', timeTo: '2017-12-04 00:00:00' } as const;
