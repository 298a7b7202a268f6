import { h } from '../../dom.js';
import { describe } from '../../forms.js';
import { t } from '../../i18n.js';
import { orderView } from './order.js';

/**
 * Where the provider sends the browser back. The provider tells the server separately (and the server checks with
 * it), so the page asks the server for the order until it is no longer pending, for half a minute at most.
 */
export default async function returnScreen({ params, query, scope, navigate }) {
  const path = `/api/orders/${encodeURIComponent(params.id)}`;
  let order;
  try {
    order = await scope.api('GET', path);
    for (let tries = 0; order.status === 'pending' && !query.get('cancelled') && tries < 15; tries += 1) {
      await new Promise((resolve) => scope.timeout(resolve, 2000));
      order = await scope.api('GET', path);
    }
  } catch (error) {
    return h('section', {}, h('h1', {}, t('orders.order')), h('p', { class: 'notice bad', role: 'alert' }, describe(error)));
  }
  const message = order.status === 'paid' ? t('orders.return.paid')
    : order.status === 'pending' ? t('orders.return.pending') : t('orders.return.notPaid');
  const view = orderView(order, null, { scope, navigate });
  view.prepend(h('p', { class: `notice ${order.status === 'paid' ? 'ok' : 'warn'}`, role: 'status' }, message));
  return view;
}
