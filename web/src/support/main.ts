import '../shared/styles.css';
import { onLanguageChange, t } from '../shared/i18n.ts';
import { h } from '../shared/dom.ts';
import { demoShop } from './demo-shop.ts';
import { supportWidget } from './support-widget.ts';

const { header, main } = demoShop();
document.body.classList.add('shop-page');
document.body.replaceChildren(h('a', { class: 'skip-link', href: '#main', i18n: 'nav.skip' }), header, main, supportWidget());
const updateTitle = () => {
  document.title = t('shop.title');
};
updateTitle();
onLanguageChange(updateTitle);
