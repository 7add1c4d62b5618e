import { t, type MessageKey } from './i18n.ts';

export type Child = Node | string | number | null | undefined | false | readonly Child[];

/**
 * Attributes of h(): `on<Event>` functions become listeners; `i18n` sets translated text that follows language
 * switches (data-i18n); `i18nAttributes` does the same for attributes such as aria-label or placeholder;
 * true adds an empty attribute, false/null/undefined leave it out, anything else is stringified.
 */
export interface Attributes {
  [name: string]: unknown;
  i18n?: MessageKey;
  i18nParameters?: Record<string, string | number>;
  i18nAttributes?: Record<string, MessageKey>;
}

function append(parent: Node, child: Child): void {
  if (child === null || child === undefined || child === false) return;
  if (Array.isArray(child)) {
    for (const item of child as readonly Child[]) append(parent, item);
    return;
  }
  parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
}

/** The whole "framework": create an element with attributes, listeners and children. */
export function h<Tag extends keyof HTMLElementTagNameMap>(tag: Tag, attributes?: Attributes | null, ...children: Child[]): HTMLElementTagNameMap[Tag] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (name === 'i18n') {
      element.dataset.i18n = String(value);
      if (attributes?.i18nParameters) element.dataset.i18nParameters = JSON.stringify(attributes.i18nParameters);
      element.textContent = t(value as MessageKey, attributes?.i18nParameters);
    } else if (name === 'i18nParameters') {
      continue;
    } else if (name === 'i18nAttributes') {
      const mapping = value as Record<string, MessageKey>;
      element.dataset.i18nAttributes = Object.entries(mapping)
        .map(([attribute, key]) => `${attribute}:${key}`)
        .join(';');
      for (const [attribute, key] of Object.entries(mapping)) element.setAttribute(attribute, t(key));
    } else if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2).toLowerCase(), value as EventListener);
    } else if (value === true) {
      element.setAttribute(name, '');
    } else if (value !== false && value !== null && value !== undefined) {
      element.setAttribute(name, String(value));
    }
  }
  for (const child of children) append(element, child);
  return element;
}

export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  for (const child of children) append(parent, child);
}

/** Required elements of the static page markup; a missing one is a build mistake worth a loud error. */
export function requireElement<Type extends Element = HTMLElement>(selector: string, root: ParentNode = document): Type {
  const element = root.querySelector<Type & Element>(selector);
  if (!element) throw new Error(`The page is missing ${selector}; is the HTML up to date with the script?`);
  return element;
}

/** Moves keyboard focus without scrolling the page under the user. */
export function focusWithoutScroll(element: HTMLElement | null | undefined): void {
  element?.focus({ preventScroll: true });
}
