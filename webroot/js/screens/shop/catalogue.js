import { api } from '../../api.js';
import { h, replace } from '../../dom.js';
import { describe, handle } from '../../forms.js';
import { t } from '../../i18n.js';
import { money } from './money.js';

/**
 * The shop: the products on sale, a quantity for each, and one "Place order" for those chosen. The server prices
 * the order from the catalogue; an Idempotency-Key per form makes a double click one order.
 */
export default async function catalogueScreen({ navigate, scope }) {
  let products;
  try {
    products = (await scope.api('GET', '/api/products')).items;
  } catch (error) {
    return h('section', {}, h('h1', {}, t('shop.title')), h('p', { class: 'notice bad', role: 'alert' }, describe(error)));
  }
  if (!products.length) {
    return h('section', {}, h('h1', {}, t('shop.title')), h('p', { class: 'meta' }, t('shop.empty')));
  }
  let key = crypto.randomUUID();
  const rows = products.map((p) => {
    const id = `qty-${p.id}`;
    return h('li', { class: 'card product', dataset: { product: p.id } },
      h('h2', {}, p.name),
      p.description ? h('p', {}, p.description) : null,
      h('p', { class: 'price' }, money(p.price, p.currency, p.minorUnits)),
      h('label', { for: id }, t('shop.quantity', { name: p.name })),
      h('input', { id, name: p.id, type: 'number', min: '0', max: '1000', value: '0', inputmode: 'numeric' }));
  });
  const status = h('div', { 'aria-live': 'polite' });
  const form = handle(h('form', { class: 'shop' }, h('ul', { class: 'products' }, rows), status,
    h('button', { type: 'submit', class: 'button' }, t('shop.placeOrder'))),
  async (values) => {
    const items = Object.entries(values).map(([productId, quantity]) => ({ productId, quantity: Number(quantity) }))
      .filter((line) => line.quantity > 0);
    if (!items.length) {
      replace(status, h('p', { class: 'notice bad', role: 'alert' }, t('shop.chooseSomething')));
      return;
    }
    try {
      const order = await scope.guard(api('POST', '/api/orders', { items }, { headers: { 'Idempotency-Key': key } }));
      await navigate(`/orders/${encodeURIComponent(order.id)}`);
    } catch (error) {
      // Another basket is another order: a new key for the next try.
      key = crypto.randomUUID();
      throw error;
    }
  });
  form.addEventListener('input', () => replace(status));
  return h('section', {}, h('h1', {}, t('shop.title')), h('p', {}, h('a', { href: '/orders' }, t('orders.mine'))), form);
}
