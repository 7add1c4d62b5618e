/** The two languages every answer, table and chart is written in. */
export type Language = 'en' | 'zh';
