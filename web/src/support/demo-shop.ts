import { h } from '../shared/dom.ts';
import type { MessageKey } from '../shared/i18n.ts';
import { languageToggle } from '../shared/page-shell.ts';

/** Products of the demo storefront; pictures are CSS gradients so the page needs nothing from elsewhere. */
const PRODUCTS: { name: MessageKey; price: number; hue: number }[] = [
  { name: 'shop.product.headphones', price: 899, hue: 210 },
  { name: 'shop.product.phone', price: 4999, hue: 260 },
  { name: 'shop.product.kettle', price: 199, hue: 20 },
  { name: 'shop.product.sneakers', price: 459, hue: 140 },
  { name: 'shop.product.serum', price: 329, hue: 330 },
  { name: 'shop.product.backpack', price: 269, hue: 45 },
];

/** A plausible shop page for the support widget to sit on. */
export function demoShop(): { header: HTMLElement; main: HTMLElement } {
  const header = h(
    'header',
    { class: 'shop-header' },
    h('a', { class: 'brand', href: '/support' }, h('span', { i18n: 'shop.name' })),
    h('nav', { i18nAttributes: { 'aria-label': 'shop.navigation' } }, h('ul', null, h('li', null, h('a', { href: '/support', 'aria-current': 'page', i18n: 'shop.home' })), h('li', null, h('a', { href: '/', i18n: 'shop.staff' })))),
    languageToggle(),
  );
  const main = h(
    'main',
    { id: 'main', class: 'shop', tabindex: '-1' },
    h('section', { class: 'hero', 'aria-labelledby': 'hero-heading' }, h('h1', { id: 'hero-heading', i18n: 'shop.heroTitle' }), h('p', { i18n: 'shop.heroText' })),
    h(
      'section',
      { 'aria-labelledby': 'products-heading' },
      h('h2', { id: 'products-heading', i18n: 'shop.products' }),
      h(
        'ul',
        { class: 'product-grid' },
        PRODUCTS.map((product) =>
          h(
            'li',
            { class: 'product' },
            h('div', { class: 'product-picture', style: `--hue:${product.hue}`, 'aria-hidden': 'true' }),
            h('h3', { i18n: product.name }),
            h('p', { class: 'price' }, `¥${product.price.toLocaleString('en-US')}`),
          ),
        ),
      ),
    ),
  );
  return { header, main };
}
