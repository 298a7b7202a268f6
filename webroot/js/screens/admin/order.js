import { formatDate, h } from '../../dom.js';
import { describe } from '../../forms.js';
import { lang, t } from '../../i18n.js';
import { money, statusTone } from '../shop/money.js';
import { adminPage } from './layout.js';

/** One order for support: its lines and state, and every provider event about it with its verdict and payload. */
export default async function adminOrderScreen({ params, scope }) {
  const id = encodeURIComponent(params.id);
  let order;
  let events;
  try {
    [order, events] = await Promise.all([scope.api('GET', `/api/admin/orders/${id}`), scope.api('GET', `/api/admin/orders/${id}/events`)]);
  } catch (error) {
    return adminPage('admin.orders.order', h('p', { class: 'notice bad', role: 'alert' }, error.status === 404 ? t('notFound.text') : describe(error)));
  }
  const item = (label, value) => [h('dt', {}, label), h('dd', {}, value ?? '-')];
  return adminPage('admin.orders.order',
    h('dl', { class: 'card', dataset: { order: order.id } },
      item(t('admin.orders.id'), h('code', {}, order.id)),
      item(t('admin.orders.buyer'), order.userEmail || order.userId),
      item(t('admin.orders.status'), h('span', { class: `tag ${statusTone(order.status)}`, dataset: { status: order.status } },
        t(`orders.status.${order.status}`))),
      item(t('admin.orders.amount'), money(order.amount, order.currency, order.minorUnits)),
      item(t('admin.orders.provider'), order.provider),
      item(t('admin.orders.placed'), formatDate(order.createdAt, lang())),
      item(t('admin.orders.paid'), order.paidAt ? formatDate(order.paidAt, lang()) : null),
      item(t('orders.item'), (order.items || []).map((line) => h('div', {}, `${line.quantity} × ${line.name}`)))),
    h('h2', {}, t('admin.orders.events')),
    events.items.length === 0 ? h('p', { class: 'meta' }, t('admin.orders.noEvents'))
      : h('div', { class: 'table-wrap' }, h('table', { class: 'events' },
        h('thead', {}, h('tr', {}, ['admin.orders.received', 'admin.orders.provider', 'admin.orders.kind', 'admin.orders.verdict', 'admin.orders.payload']
          .map((key) => h('th', { scope: 'col' }, t(key))))),
        h('tbody', {}, events.items.map((e) => h('tr', { dataset: { event: e.id, verdict: e.verdict } },
          h('td', {}, formatDate(e.receivedAt, lang())),
          h('td', {}, e.provider, h('div', { class: 'meta mono' }, e.eventId)),
          h('td', {}, e.kind),
          h('td', {}, h('span', { class: `tag ${e.verdict === 'applied' ? 'ok' : ['mismatch', 'refused'].includes(e.verdict) ? 'bad' : ''}` },
            t(`admin.orders.verdicts.${e.verdict}`))),
          h('td', {}, h('details', {}, h('summary', {}, t('admin.orders.show')), h('pre', { class: 'mono' }, pretty(e.detail))))))))),
    h('p', {}, h('a', { href: '/admin/orders' }, t('admin.orders.back'))));
}

const pretty = (text) => {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text || '';
  }
};
