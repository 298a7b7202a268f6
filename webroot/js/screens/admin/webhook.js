import { api } from '../../api.js';
import { field, formatDate, h } from '../../dom.js';
import { describe, handle, notice } from '../../forms.js';
import { lang, t } from '../../i18n.js';
import { adminPage, pagedTable } from './layout.js';
import { checkedTypes, eventTypeChecks, secretCard, stateTag } from './webhooks.js';

/** One endpoint: change it, rotate its secret, send a test event, and its deliveries with "send again". */
export default function webhookScreen({ params, scope, navigate }) {
  const id = params.id;
  const path = `/api/admin/webhooks/${encodeURIComponent(id)}`;
  const top = h('div');
  const body = h('div', {}, h('p', { class: 'meta' }, t('common.loading')));
  const deliveries = pagedTable({
    head: ['admin.webhooks.created', 'admin.webhooks.event', 'admin.webhooks.state', 'admin.webhooks.attempts', ''],
    fetchPage: (cursor) => scope.api('GET', `${path}/deliveries${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`),
    renderRow: (d) => deliveryRow(path, d),
  });
  const load = async (message) => {
    try {
      const endpoint = await scope.api('GET', path);
      body.replaceChildren(...details(endpoint, path, top, load, navigate, () => deliveries.load(true)));
      if (message) notice(body, message);
    } catch (error) {
      body.replaceChildren(h('p', { class: 'error', role: 'alert' }, describe(error)));
    }
  };
  load();
  deliveries.load(true).catch(() => {});
  return adminPage('admin.webhooks.endpoint', top, body,
    h('section', { class: 'card', 'aria-labelledby': 'deliveries-title' },
      h('h2', { id: 'deliveries-title' }, t('admin.webhooks.deliveries')),
      h('button', { type: 'button', class: 'button small secondary', onclick: () => deliveries.load(true) }, t('common.refresh')),
      deliveries.element));
}

function details(endpoint, path, top, reload, navigate, reloadDeliveries) {
  const edit = handle(h('form', { class: 'card', 'aria-labelledby': 'webhook-edit-title' },
    h('h2', { id: 'webhook-edit-title' }, h('code', {}, endpoint.url), ' ', stateTag(endpoint)),
    endpoint.disabledReason && !endpoint.enabled ? h('p', { class: 'meta' }, endpoint.disabledReason) : null,
    field({ name: 'url', label: t('admin.webhooks.url'), type: 'url', value: endpoint.url, required: true, attrs: { maxlength: 2000 } }),
    field({ name: 'description', label: t('admin.webhooks.description'), value: endpoint.description || '', attrs: { maxlength: 500 } }),
    eventTypeChecks(endpoint.eventTypes),
    h('label', { class: 'check', dataset: { field: 'enabled' } },
      h('input', { type: 'checkbox', name: 'enabled', checked: endpoint.enabled }), ' ', t('admin.webhooks.enabledLabel')),
    h('button', { type: 'submit', class: 'button' }, t('common.save'))),
  async (values, form) => {
    await api('PATCH', path, { url: values.url, description: values.description || null, eventTypes: checkedTypes(form),
      enabled: form.querySelector('input[name=enabled]').checked });
    await reload(t('admin.webhooks.saved'));
  });
  const actions = handle(h('form', { class: 'card', 'aria-labelledby': 'webhook-actions-title' },
    h('h2', { id: 'webhook-actions-title' }, t('admin.webhooks.actions')),
    endpoint.previousSecretValidUntil ? h('p', { class: 'meta' },
      t('admin.webhooks.overlap', { until: formatDate(endpoint.previousSecretValidUntil, lang()) })) : null,
    h('div', { class: 'field', dataset: { field: 'overlapMinutes' } }, h('p', { class: 'error', role: 'alert' })),
    h('button', { type: 'submit', class: 'button secondary', name: 'rotate' }, t('admin.webhooks.rotate')),
    ' ',
    h('button', { type: 'button', class: 'button secondary', onclick: async (event) => {
      event.target.disabled = true;
      try {
        await api('POST', `${path}/test`);
        notice(actions, t('admin.webhooks.testQueued'));
        await reloadDeliveries();
      } catch (error) {
        notice(actions, describe(error), 'bad');
      } finally {
        event.target.disabled = false;
      }
    } }, t('admin.webhooks.test')),
    ' ',
    h('button', { type: 'button', class: 'button danger', onclick: async () => {
      if (!window.confirm(t('admin.webhooks.confirmDelete'))) return;
      try {
        await api('DELETE', path);
        await navigate('/admin/webhooks');
      } catch (error) {
        notice(actions, describe(error), 'bad');
      }
    } }, t('admin.webhooks.delete'))),
  async () => {
    if (!window.confirm(t('admin.webhooks.confirmRotate'))) return;
    const rotated = await api('POST', `${path}/rotate-secret`, {});
    top.replaceChildren(secretCard(rotated.secret, 'admin.webhooks.secretRotated'));
    top.querySelector('.card').focus();
    await reload();
  });
  return [h('div', { class: 'grid2' }, edit, actions)];
}

function deliveryRow(path, d) {
  const state = h('td', {}, h('span', { class: `tag ${tone(d.status)}` }, t(`admin.webhooks.status.${d.status}`)),
    d.lastStatusCode ? h('div', { class: 'meta' }, `HTTP ${d.lastStatusCode}`) : null,
    d.lastError ? h('div', { class: 'meta' }, d.lastError) : null);
  const action = h('td', {});
  if (d.status === 'delivered' || d.status === 'failed') {
    const button = h('button', { type: 'button', class: 'button small' }, t('admin.webhooks.resend'));
    button.setAttribute('aria-label', t('admin.webhooks.resendOf', { event: d.eventType }));
    button.addEventListener('click', async () => {
      button.disabled = true;
      try {
        await api('POST', `${path}/deliveries/${encodeURIComponent(d.id)}/resend`);
        state.replaceChildren(h('span', { class: 'tag' }, t('admin.webhooks.status.pending')));
        button.remove();
      } catch (error) {
        button.disabled = false;
        action.append(h('p', { class: 'error', role: 'alert' }, describe(error)));
      }
    });
    action.append(button);
  }
  return h('tr', { dataset: { delivery: d.id } },
    h('td', {}, formatDate(d.createdAt, lang())),
    h('td', {}, h('code', {}, d.eventType), h('div', { class: 'meta mono' }, d.messageId)),
    state,
    h('td', {}, String(d.attempts ?? 0), d.lastAttemptAt ? h('div', { class: 'meta' }, formatDate(d.lastAttemptAt, lang())) : null),
    action);
}

const tone = (status) => ({ delivered: 'ok', failed: 'bad', sending: 'warn' }[status] || '');
