import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.SHOPLENS_CHROMIUM ?? '/usr/bin/chromium';
export const SCREENSHOT_DIRECTORY = fileURLToPath(new URL('../../test-output/web/', import.meta.url));

/** Why browser tests cannot run here, or null when they can (Debian's chromium; never a downloaded browser). */
export function browserUnavailableReason(): string | null {
  return existsSync(CHROMIUM_PATH) ? null : `no chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set SHOPLENS_CHROMIUM)`;
}

/**
 * Headless Debian chromium with no network services of its own (no updates, sync, QUIC), so a test sees exactly the
 * requests the pages make. Playwright gives the browser a fresh temporary profile and each context its own storage.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOT_DIRECTORY, { recursive: true });
  return path.join(SCREENSHOT_DIRECTORY, `${name}.png`);
}
