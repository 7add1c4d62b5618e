import { z } from 'zod';
import { DemoCustomersResponseSchema, DemoTokenResponseSchema } from '../../../src/server/web/web-api-schemas.ts';
import { credentialFromPaste, type Credential } from '../shared/credentials.ts';
import { focusWithoutScroll, h } from '../shared/dom.ts';
import { ApiError, fetchJson } from '../shared/fetch-json.ts';
import { t } from '../shared/i18n.ts';
import { loadWebConfig } from '../shared/web-config.ts';

const GuestTokenResponseSchema = z.object({ token: z.string().min(1), expiresInSeconds: z.number(), scope: z.object({ kind: z.literal('guest-order'), orderId: z.number() }) });

/** "name@host" is an e-mail; anything else is taken as a phone number (the server normalises +86, dashes, spaces). */
export function guestContact(value: string): { phone: string } | { email: string } {
  const trimmed = value.trim();
  return trimmed.includes('@') ? { email: trimmed } : { phone: trimmed };
}

/**
 * How a shopper starts a chat: signed in (a demo customer on a demo server, or a pasted customer token), or as a
 * guest by proving an order with its number and the phone or e-mail it was placed with.
 */
export function shopperSignIn(options: { problem?: string; onSignedIn(credential: Credential): void }): HTMLElement {
  const error = h('p', { class: 'error', role: 'alert' }, options.problem ?? '');
  const report = (failure: unknown) => {
    error.textContent = failure instanceof ApiError && failure.status === 401 ? t('support.guestNoMatch') : failure instanceof Error ? failure.message : String(failure);
  };

  const orderInput = h('input', { id: 'guest-order', name: 'order', autocomplete: 'off', required: true, minlength: 4, maxlength: 64, inputmode: 'text' });
  const contactInput = h('input', { id: 'guest-contact', name: 'contact', autocomplete: 'tel', required: true, maxlength: 200 });
  const guestForm = h(
    'form',
    {
      class: 'sign-in-section',
      'aria-labelledby': 'guest-heading',
      onSubmit: async (event: Event) => {
        event.preventDefault();
        error.textContent = '';
        try {
          const response = await fetchJson('/api/support/guest', GuestTokenResponseSchema, { method: 'POST', body: { orderNumber: orderInput.value.trim(), ...guestContact(contactInput.value) } });
          options.onSignedIn({ kind: 'token', value: response.token, label: t('support.guestLabel', { order: orderInput.value.trim() }) });
        } catch (failure) {
          report(failure);
        }
      },
    },
    h('h3', { id: 'guest-heading', i18n: 'support.guestHeading' }),
    h('label', { for: 'guest-order', i18n: 'support.orderNumberLabel' }),
    orderInput,
    h('label', { for: 'guest-contact', i18n: 'support.contactLabel' }),
    contactInput,
    h('button', { type: 'submit', class: 'primary', i18n: 'support.verify' }),
  );

  const tokenInput = h('input', { id: 'customer-token', type: 'password', autocomplete: 'off', spellcheck: 'false' });
  const tokenForm = h(
    'form',
    {
      class: 'sign-in-section',
      onSubmit: (event: Event) => {
        event.preventDefault();
        if (!tokenInput.value.trim()) return;
        const credential = credentialFromPaste(tokenInput.value);
        if (credential.kind !== 'token') {
          error.textContent = t('support.tokenInvalid');
          return;
        }
        options.onSignedIn(credential);
      },
    },
    h('label', { for: 'customer-token', i18n: 'support.pasteToken' }),
    h('div', { class: 'inline-field' }, tokenInput, h('button', { type: 'submit', class: 'secondary', i18n: 'support.useToken' })),
  );

  const customerSection = h('div', { class: 'sign-in-section', 'aria-labelledby': 'customer-heading', role: 'group' }, h('h3', { id: 'customer-heading', i18n: 'support.customerHeading' }));
  void loadWebConfig().then(async (config) => {
    if (!config.demoLogin) {
      customerSection.append(tokenForm);
      return;
    }
    try {
      const { customers } = await fetchJson('/api/web/demo/customers', DemoCustomersResponseSchema);
      const select = h(
        'select',
        { id: 'demo-customer' },
        customers.map((customer) =>
          h('option', { value: customer.customerId }, `#${customer.customerId} ${customer.name ?? ''} · ${customer.latestOrderNumber ?? ''} (${customer.latestOrderStatus ?? '-'})`),
        ),
      );
      const demoForm = h(
        'form',
        {
          class: 'demo-sign-in',
          onSubmit: async (event: Event) => {
            event.preventDefault();
            try {
              const customerId = Number(select.value);
              const { token } = await fetchJson('/api/web/demo/token', DemoTokenResponseSchema, { method: 'POST', body: { role: 'customer', customerId } });
              options.onSignedIn({ kind: 'token', value: token, label: t('support.customerLabel', { id: customerId }) });
            } catch (failure) {
              report(failure);
            }
          },
        },
        h('label', { for: 'demo-customer', i18n: 'support.demoCustomer' }),
        h('div', { class: 'inline-field' }, select, h('button', { type: 'submit', class: 'primary', i18n: 'support.signIn' })),
      );
      customerSection.append(demoForm, tokenForm);
      focusWithoutScroll(select);
    } catch (failure) {
      customerSection.append(tokenForm);
      report(failure);
    }
  });

  const element = h('div', { class: 'shopper-sign-in' }, h('p', { i18n: 'support.signInIntro' }), customerSection, h('hr'), guestForm, error);
  queueMicrotask(() => focusWithoutScroll(element.querySelector<HTMLElement>('input, select')));
  return element;
}
