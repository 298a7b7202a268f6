import { api } from '../../api.js';
import { field, h } from '../../dom.js';
import { describe, handle } from '../../forms.js';
import { t } from '../../i18n.js';
import { adminPage } from './layout.js';

/** The event types an endpoint may subscribe to (as GET /api/admin/webhooks/event-types answers). */
export const EVENT_TYPES = ['user.registered', 'user.deleted', 'article.published', 'comment.created',
  'medical_record.created', 'order.paid', 'order.refunded'];

/** The endpoints, and a form to add one; its signing secret is shown once, right after. */
export default function webhooksScreen({ scope }) {
  const list = h('tbody');
  const status = h('div', { role: 'alert' });
  const secretBox = h('div');
  const load = async () => {
    try {
      const { items } = await scope.api('GET', '/api/admin/webhooks');
      list.replaceChildren(...items.map(row));
      if (!items.length) list.append(h('tr', {}, h('td', { colspan: 4 }, t('admin.webhooks.none'))));
    } catch (error) {
      status.replaceChildren(h('p', { class: 'error' }, describe(error)));
    }
  };
  const form = handle(h('form', { class: 'card', 'aria-labelledby': 'webhook-new-title' },
    h('h2', { id: 'webhook-new-title' }, t('admin.webhooks.add')),
    h('p', { class: 'meta' }, t('admin.webhooks.intro')),
    field({ name: 'url', label: t('admin.webhooks.url'), type: 'url', required: true, hint: t('admin.webhooks.urlHint'),
      attrs: { maxlength: 2000, placeholder: 'https://' } }),
    field({ name: 'description', label: t('admin.webhooks.description'), attrs: { maxlength: 500 } }),
    eventTypeChecks([]),
    h('button', { type: 'submit', class: 'button' }, t('admin.webhooks.create'))),
  async (values, f) => {
    const body = { url: values.url, eventTypes: checkedTypes(f) };
    if (values.description) body.description = values.description;
    const created = await api('POST', '/api/admin/webhooks', body);
    f.reset();
    secretBox.replaceChildren(secretCard(created.secret, 'admin.webhooks.secretOnce'));
    secretBox.querySelector('.card').focus();
    await load();
  });
  load();
  return adminPage('admin.webhooks.title', secretBox,
    h('section', { class: 'card' }, h('table', { class: 'table' },
      h('thead', {}, h('tr', {}, ['admin.webhooks.url', 'admin.webhooks.events', 'admin.webhooks.state', ''].map((k) =>
        h('th', { scope: 'col' }, k ? t(k) : '')))),
      list)),
    status, form);
}

function row(endpoint) {
  return h('tr', { dataset: { endpoint: endpoint.id } },
    h('td', {}, h('code', {}, endpoint.url), endpoint.description ? h('div', { class: 'meta' }, endpoint.description) : null),
    h('td', {}, endpoint.eventTypes.join(', ')),
    h('td', {}, stateTag(endpoint)),
    h('td', {}, h('a', { class: 'button small secondary', href: `/admin/webhooks/${encodeURIComponent(endpoint.id)}` },
      t('admin.webhooks.open'))));
}

export function stateTag(endpoint) {
  if (endpoint.enabled) {
    return endpoint.failingSince ? h('span', { class: 'tag warn' }, t('admin.webhooks.failing'))
      : h('span', { class: 'tag ok' }, t('admin.webhooks.enabled'));
  }
  return h('span', { class: 'tag bad', title: endpoint.disabledReason || '' }, t('admin.webhooks.disabled'));
}

/** The event-type checkboxes, as one field named eventTypes (so that its errors land there). */
export function eventTypeChecks(chosen) {
  return h('fieldset', { class: 'field checks', dataset: { field: 'eventTypes' } },
    h('legend', {}, t('admin.webhooks.events')),
    EVENT_TYPES.map((type) => h('label', { class: 'check' },
      h('input', { type: 'checkbox', name: 'eventType', value: type, checked: chosen.includes(type) }), ' ', h('code', {}, type))),
    h('p', { class: 'error', role: 'alert' }));
}

export function checkedTypes(form) {
  return [...form.querySelectorAll('input[name=eventType]:checked')].map((i) => i.value);
}

/** The secret, shown this once, with what to do with it. */
export function secretCard(secret, introKey) {
  return h('section', { class: 'card', tabindex: '-1', role: 'status', 'aria-labelledby': 'webhook-secret-title' },
    h('h2', { id: 'webhook-secret-title' }, t('admin.webhooks.secretTitle')),
    h('p', {}, t(introKey)),
    h('p', {}, h('code', { class: 'mono secret', dataset: { secret: '' } }, secret)));
}
