import { field, formatDate, h, select } from '../../dom.js';
import { handle, showErrors } from '../../forms.js';
import { lang, t } from '../../i18n.js';
import { money, statusTone } from '../shop/money.js';
import { adminPage, pagedTable } from './layout.js';

const STATUSES = ['pending', 'paid', 'expired', 'failed', 'cancelled', 'refunded'];
const FILTERS = ['status', 'userId', 'provider', 'from', 'to'];

/** Every order, newest first, filtered by status, buyer, provider and date; each opens its detail and provider events. */
export default function adminOrdersScreen({ query, navigate, scope }) {
  const table = pagedTable({
    head: ['admin.orders.placed', 'admin.orders.buyer', 'admin.orders.amount', 'admin.orders.status', 'admin.orders.provider'],
    fetchPage: (cursor) => {
      const params = new URLSearchParams();
      FILTERS.forEach((name) => { if (query.get(name)) params.set(name, query.get(name)); });
      if (cursor) params.set('cursor', cursor);
      return scope.api('GET', `/api/admin/orders?${params}`);
    },
    renderRow: (o) => h('tr', { dataset: { order: o.id } },
      h('td', {}, h('a', { href: `/admin/orders/${encodeURIComponent(o.id)}` }, formatDate(o.createdAt, lang()))),
      h('td', {}, o.userEmail || o.userId || '-'),
      h('td', {}, money(o.amount, o.currency, o.minorUnits)),
      h('td', {}, h('span', { class: `tag ${statusTone(o.status)}` }, t(`orders.status.${o.status}`))),
      h('td', {}, o.provider || '-')),
  });
  const filters = handle(h('form', { class: 'filters', role: 'search' },
    select({ name: 'status', label: t('admin.orders.status'), value: query.get('status') || '',
      options: [['', t('admin.any')], ...STATUSES.map((s) => [s, t(`orders.status.${s}`)])] }),
    field({ name: 'userId', label: t('admin.orders.userId'), value: query.get('userId') || '' }),
    select({ name: 'provider', label: t('admin.orders.provider'), value: query.get('provider') || '',
      options: [['', t('admin.any')], ['midtrans', 'Midtrans'], ['stripe', 'Stripe']] }),
    field({ name: 'from', label: t('admin.orders.from'), type: 'date', value: query.get('from') || '' }),
    field({ name: 'to', label: t('admin.orders.to'), type: 'date', value: query.get('to') || '' }),
    h('button', { type: 'submit', class: 'button' }, t('admin.filter'))),
  async (values) => {
    const params = new URLSearchParams();
    FILTERS.forEach((name) => { if (values[name]) params.set(name, values[name].trim()); });
    const target = `/admin/orders${params.size ? `?${params}` : ''}`;
    if (target === location.pathname + location.search) await table.load(true);
    else await navigate(target);
  });
  table.load(true).catch((error) => showErrors(filters, error));
  return adminPage('admin.orders.title', filters, table.element);
}
