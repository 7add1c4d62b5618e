export function isBuildSource(file: string): boolean;
export function sourceStamp(root: string): { files: number; newestMtimeMs: number };
export const STAMP_FILE: string;
export function distIsCurrent(root: string): boolean;
