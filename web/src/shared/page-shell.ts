import { h } from './dom.ts';
import { currentLanguage, onLanguageChange, setLanguage, t, type MessageKey } from './i18n.ts';

export type PageName = 'analytics' | 'support' | 'agents' | 'evals';

const NAVIGATION: { page: PageName; href: string; label: MessageKey }[] = [
  { page: 'analytics', href: '/', label: 'nav.analytics' },
  { page: 'support', href: '/support', label: 'nav.support' },
  { page: 'agents', href: '/agents', label: 'nav.agents' },
  { page: 'evals', href: '/evals', label: 'nav.evals' },
];

export function languageToggle(): HTMLButtonElement {
  const button = h('button', {
    type: 'button',
    class: 'language-toggle',
    i18n: 'language.other',
    i18nAttributes: { 'aria-label': 'language.switch' },
    onClick: () => setLanguage(currentLanguage() === 'zh' ? 'en' : 'zh'),
  });
  return button;
}

/**
 * The frame of every staff page: a skip link, the header (product, page links, language switch, a slot for
 * sign-out) and the <main> landmark the page fills. Keeps the document title and <html lang> in step with the language.
 */
export function pageShell(page: PageName, title: MessageKey): { main: HTMLElement; actions: HTMLElement } {
  const actions = h('div', { class: 'header-actions' });
  const main = h('main', { id: 'main', tabindex: '-1' });
  const header = h(
    'header',
    { class: 'app-header' },
    h('a', { class: 'brand', href: '/' }, 'ShopLens'),
    h(
      'nav',
      { i18nAttributes: { 'aria-label': 'nav.label' } },
      h(
        'ul',
        null,
        NAVIGATION.map((item) => h('li', null, h('a', { href: item.href, i18n: item.label, 'aria-current': item.page === page ? 'page' : undefined }))),
      ),
    ),
    actions,
    languageToggle(),
  );
  const skip = h('a', { class: 'skip-link', href: '#main', i18n: 'nav.skip' });
  document.body.replaceChildren(skip, header, main);
  const updateDocument = () => {
    document.title = `${t(title)} · ShopLens`;
    document.documentElement.lang = currentLanguage() === 'zh' ? 'zh-CN' : 'en';
  };
  updateDocument();
  onLanguageChange(updateDocument);
  return { main, actions };
}
