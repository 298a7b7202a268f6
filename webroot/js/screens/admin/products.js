import { api } from '../../api.js';
import { openDialog } from '../../dialog.js';
import { field, h, select } from '../../dom.js';
import { handle } from '../../forms.js';
import { t } from '../../i18n.js';
import { money } from '../shop/money.js';
import { adminPage, announce, pagedTable, rowButton } from './layout.js';

const CURRENCIES = ['IDR', 'USD', 'EUR', 'SGD', 'MYR', 'AUD', 'GBP', 'JPY', 'THB', 'PHP'];
const MINOR_UNITS = { IDR: 0, JPY: 0 };

/** The price typed in major units (12.50) as the API's minor units (1250); text left as is when not a number. */
const toMinor = (text, currency) => {
  const value = Number(String(text).replace(',', '.'));
  return Number.isFinite(value) ? Math.round(value * 10 ** (MINOR_UNITS[currency] ?? 2)) : text;
};
const fromMinor = (amount, currency) => String(amount / 10 ** (MINOR_UNITS[currency] ?? 2));

/** The catalogue: add a product, change one, take it off sale or back on. */
export default function productsScreen({ scope }) {
  const news = h('div', { class: 'news', 'aria-live': 'polite' });
  const table = pagedTable({
    head: ['admin.products.name', 'admin.products.price', 'admin.products.state', 'admin.actions'],
    stack: true,
    fetchPage: () => scope.api('GET', '/api/admin/products'),
    renderRow: (p) => row(p),
  });
  const inputs = (p = {}) => [
    field({ name: 'name', label: t('admin.products.name'), value: p.name || '', required: true }),
    field({ name: 'description', label: t('admin.products.description'), type: 'textarea', value: p.description || '' }),
    field({ name: 'price', label: t('admin.products.price'), value: p.price ? fromMinor(p.price, p.currency) : '', required: true,
      hint: t('admin.products.priceHint'), attrs: { inputmode: 'decimal' } }),
    select({ name: 'currency', label: t('admin.products.currency'), value: p.currency || 'IDR', options: CURRENCIES.map((c) => [c, c]) })];
  const body = (values) => ({ name: values.name, description: values.description || '', price: toMinor(values.price, values.currency),
    currency: values.currency });

  function row(p) {
    const edit = rowButton(t('admin.edit'), t('admin.editNamed', { name: p.name }), {
      onclick: async () => {
        const updated = await openDialog({
          scope, title: t('admin.products.edit'), submitLabel: t('common.save'), content: inputs(p),
          onSubmit: (values) => api('PATCH', `/api/admin/products/${encodeURIComponent(p.id)}`, body(values)),
        });
        if (updated) {
          tr.replaceWith(table.row(updated));
          announce(news, t('admin.products.saved', { name: updated.name }));
        }
      },
    });
    const toggle = rowButton(p.active ? t('admin.products.deactivate') : t('admin.products.activate'),
      t(p.active ? 'admin.products.deactivateNamed' : 'admin.products.activateNamed', { name: p.name }), {
        kind: p.active ? 'danger' : 'secondary',
        onclick: async () => {
          const updated = await scope.guard(api('PATCH', `/api/admin/products/${encodeURIComponent(p.id)}`, { active: !p.active }));
          tr.replaceWith(table.row(updated));
          announce(news, t('admin.products.saved', { name: updated.name }));
        },
      });
    const tr = h('tr', { dataset: { product: p.id } },
      h('td', {}, h('strong', {}, p.name), p.description ? h('div', { class: 'meta' }, p.description) : null),
      h('td', {}, money(p.price, p.currency, p.minorUnits)),
      h('td', {}, h('span', { class: `tag ${p.active ? 'ok' : 'warn'}` }, t(p.active ? 'admin.products.onSale' : 'admin.products.offSale'))),
      h('td', { class: 'row-actions' }, edit, toggle));
    return tr;
  }

  const create = handle(h('form', { class: 'card', 'aria-labelledby': 'new-product-title' },
    h('h3', { id: 'new-product-title' }, t('admin.products.new')), inputs(),
    h('button', { type: 'submit', class: 'button' }, t('admin.products.add'))),
  async (values, form) => {
    const created = await scope.guard(api('POST', '/api/admin/products', body(values)));
    form.reset();
    await table.load(true);
    announce(news, t('admin.products.added', { name: created.name }));
  });
  table.load(true).catch((error) => announce(news, error.message, 'bad'));
  return adminPage('admin.products.title', news, create, table.element);
}
