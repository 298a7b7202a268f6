import { formatDate, h, replace } from '../../dom.js';
import { describe } from '../../forms.js';
import { lang, t } from '../../i18n.js';
import { money, statusTone } from './money.js';

/** My orders, newest first, with "load more" over the API's cursor. */
export default function ordersScreen({ scope }) {
  const list = h('ul', { class: 'orders' });
  const status = h('div', { 'aria-live': 'polite' });
  const more = h('button', { type: 'button', class: 'button secondary', hidden: true }, t('common.loadMore'));
  let cursor = null;
  const load = async () => {
    more.disabled = true;
    try {
      const params = new URLSearchParams({ limit: '20' });
      if (cursor) params.set('cursor', cursor);
      const page = await scope.api('GET', `/api/me/orders?${params}`);
      page.items.forEach((order) => list.append(h('li', { class: 'card order', dataset: { order: order.id } },
        h('a', { href: `/orders/${encodeURIComponent(order.id)}` }, h('strong', {}, money(order.amount, order.currency, order.minorUnits))),
        ' ', h('span', { class: `tag ${statusTone(order.status)}` }, t(`orders.status.${order.status}`)),
        h('p', { class: 'meta' }, formatDate(order.createdAt, lang())))));
      cursor = page.nextCursor;
      more.hidden = !cursor;
      replace(status, page.total === 0 ? h('p', { class: 'meta' }, t('orders.none')) : null);
    } catch (error) {
      replace(status, h('p', { class: 'notice bad', role: 'alert' }, describe(error)));
    } finally {
      more.disabled = false;
    }
  };
  more.addEventListener('click', load);
  load();
  return h('section', {}, h('h1', {}, t('orders.title')), h('p', {}, h('a', { class: 'button', href: '/shop' }, t('shop.title'))),
    status, list, more);
}
