import { ENGLISH_MESSAGES, type MessageKey } from './messages-en.ts';
import { CHINESE_MESSAGES } from './messages-zh.ts';

export type Language = 'en' | 'zh';
export type { MessageKey };

const STORAGE_KEY = 'shoplens.language';
const listeners = new Set<(language: Language) => void>();

/** The stored choice wins; otherwise the first browser language that is Chinese or English (default English). */
export function pickLanguage(stored: string | null, browserLanguages: readonly string[]): Language {
  if (stored === 'en' || stored === 'zh') return stored;
  for (const candidate of browserLanguages) {
    const lower = candidate.toLowerCase();
    if (lower.startsWith('zh')) return 'zh';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

function readStored(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    // Storage can be disabled (privacy settings); the browser language still works.
    return null;
  }
}

let current: Language = typeof navigator === 'undefined' ? 'en' : pickLanguage(readStored(), navigator.languages?.length ? navigator.languages : [navigator.language]);

if (typeof document !== 'undefined') document.documentElement.lang = current === 'zh' ? 'zh-CN' : 'en';

export function currentLanguage(): Language {
  return current;
}

/** Replaces {name} placeholders; unknown ones stay visible so a missing parameter is noticed. */
export function interpolate(template: string, parameters: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in parameters ? String(parameters[name]) : whole));
}

export function translate(language: Language, key: MessageKey, parameters?: Record<string, string | number>): string {
  const table = language === 'zh' ? CHINESE_MESSAGES : ENGLISH_MESSAGES;
  return interpolate(table[key], parameters);
}

export function t(key: MessageKey, parameters?: Record<string, string | number>): string {
  return translate(current, key, parameters);
}

/** Re-applies every data-i18n text and data-i18n-attributes mapping under root (see dom.ts). */
export function applyTranslations(root: ParentNode): void {
  for (const element of root.querySelectorAll<HTMLElement>('[data-i18n]')) {
    const key = element.dataset.i18n as MessageKey;
    const parameters = element.dataset.i18nParameters ? (JSON.parse(element.dataset.i18nParameters) as Record<string, string | number>) : undefined;
    element.textContent = t(key, parameters);
  }
  for (const element of root.querySelectorAll<HTMLElement>('[data-i18n-attributes]')) {
    for (const pair of (element.dataset.i18nAttributes ?? '').split(';')) {
      const [attribute, key] = pair.split(':');
      if (attribute && key) element.setAttribute(attribute, t(key as MessageKey));
    }
  }
}

export function setLanguage(language: Language): void {
  current = language;
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Not remembered across reloads then; the switch still applies now.
  }
  document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
  applyTranslations(document);
  for (const listener of listeners) listener(language);
}

/** For parts that render language-dependent content themselves (tables, formatted numbers, charts). */
export function onLanguageChange(listener: (language: Language) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
