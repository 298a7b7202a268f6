import { api } from '../../api.js';
import { formatDate, h, replace } from '../../dom.js';
import { describe } from '../../forms.js';
import { lang, t } from '../../i18n.js';
import { money, statusTone } from './money.js';

/** One of my orders: its lines and state; while pending, "Pay" (to the provider's page) and "Cancel". */
export default async function orderScreen({ params, scope, navigate }) {
  let order;
  let providers;
  try {
    [order, providers] = await Promise.all([
      scope.api('GET', `/api/orders/${encodeURIComponent(params.id)}`),
      scope.api('GET', '/api/payments/providers')]);
  } catch (error) {
    return h('section', {}, h('h1', {}, t('orders.order')),
      h('p', { class: 'notice bad', role: 'alert' }, error.status === 404 ? t('notFound.text') : describe(error)),
      h('p', {}, h('a', { href: '/orders' }, t('orders.back'))));
  }
  return orderView(order, providers, { scope, navigate });
}

/** A payment provider that cannot be reached now is a 503 whose detail says so (not the server failing): show it. */
const problemText = (error) => (error.status === 503 && error.problem?.detail ? error.problem.detail : describe(error));

/** The order's detail, shared with the return page. */
export function orderView(order, providers, { scope, navigate }) {
  const status = h('div', { 'aria-live': 'polite' });
  const actions = h('div', { class: 'actions' });
  if (order.status === 'pending' && providers) {
    const usable = Object.entries(providers || {}).filter(([name, on]) => on && (!order.provider || order.provider === name)
      && (name !== 'midtrans' || order.currency === 'IDR'));
    usable.forEach(([name]) => actions.append(h('button', { type: 'button', class: 'button', dataset: { provider: name },
      onclick: async (event) => {
        event.target.disabled = true;
        try {
          const started = await scope.guard(api('POST', `/api/orders/${encodeURIComponent(order.id)}/pay`, { provider: name }));
          location.assign(started.redirectUrl);
        } catch (error) {
          event.target.disabled = false;
          replace(status, h('p', { class: 'notice bad', role: 'alert' }, problemText(error)));
        }
      } }, t(`orders.payWith.${name}`))));
    if (!usable.length) actions.append(h('p', { class: 'meta' }, t('orders.noProvider')));
    actions.append(h('button', { type: 'button', class: 'button secondary', onclick: async (event) => {
      event.target.disabled = true;
      try {
        await scope.guard(api('POST', `/api/orders/${encodeURIComponent(order.id)}/cancel`));
        await navigate(`/orders/${encodeURIComponent(order.id)}`);
      } catch (error) {
        if (error.problem?.type?.endsWith('/order-being-paid')) {
          // The provider has the money: the order stays, to be marked paid by the provider's notification.
          replace(status, h('p', { class: 'notice warn', role: 'status' }, describe(error)));
          replace(actions, h('a', { class: 'button', href: `/orders/${encodeURIComponent(order.id)}/return?provider=${encodeURIComponent(order.provider)}` },
            t('orders.followPayment')));
          return;
        }
        event.target.disabled = false;
        replace(status, h('p', { class: 'notice bad', role: 'alert' }, problemText(error)));
      }
    } }, t('orders.cancel')));
  }
  return h('section', { class: 'order-detail', dataset: { order: order.id } },
    h('h1', {}, t('orders.order'), ' ', h('code', {}, order.id.slice(-8))),
    h('p', {}, h('span', { class: `tag ${statusTone(order.status)}`, dataset: { status: order.status } }, t(`orders.status.${order.status}`))),
    h('table', {}, h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('orders.item')), h('th', { scope: 'col' }, t('orders.quantity')),
      h('th', { scope: 'col' }, t('orders.unitPrice')))),
    h('tbody', {}, (order.items || []).map((item) => h('tr', {}, h('td', {}, item.name), h('td', {}, String(item.quantity)),
      h('td', {}, money(item.unitPrice, order.currency, order.minorUnits)))))),
    h('p', { class: 'total' }, t('orders.total'), ': ', h('strong', {}, money(order.amount, order.currency, order.minorUnits))),
    h('p', { class: 'meta' }, t('orders.placed', { when: formatDate(order.createdAt, lang()) }),
      order.status === 'pending' ? [' · ', t('orders.expires', { when: formatDate(order.expiresAt, lang()) })] : null,
      order.paidAt ? [' · ', t('orders.paidAt', { when: formatDate(order.paidAt, lang()) })] : null),
    status, actions,
    h('p', {}, h('a', { href: '/orders' }, t('orders.back'))));
}
