import { api } from '../../api.js';
import { formatDate, h, select } from '../../dom.js';
import { describe, handle, showErrors } from '../../forms.js';
import { lang, t } from '../../i18n.js';
import { adminPage, pagedTable } from './layout.js';

const STATUSES = ['pending', 'sending', 'sent', 'dead', 'held'];

/** The mail outbox, newest first; dead and held messages can be queued again. */
export default function outboxScreen({ query, navigate, scope }) {
  const table = pagedTable({
    head: ['admin.outbox.created', 'admin.outbox.to', 'admin.outbox.template', 'admin.outbox.status', 'admin.outbox.attempts', ''],
    fetchPage: (cursor) => {
      const params = new URLSearchParams();
      if (query.get('status')) params.set('status', query.get('status'));
      if (cursor) params.set('cursor', cursor);
      return scope.api('GET', `/api/admin/outbox?${params}`);
    },
    renderRow: (m) => {
      const status = h('td', {}, h('span', { class: `tag ${tone(m.status)}` }, t(`mail.${m.status}`)),
        m.lastError ? h('div', { class: 'meta' }, m.lastError) : null);
      const action = h('td', {});
      if (m.status === 'dead' || m.status === 'held') {
        const button = h('button', { type: 'button', class: 'button small' }, t('admin.outbox.retry'));
        button.setAttribute('aria-label', t('admin.outbox.retryTo', { to: m.recipient }));
        button.addEventListener('click', async () => {
          button.disabled = true;
          try {
            await api('POST', `/api/admin/outbox/${encodeURIComponent(m.id)}/retry`);
            status.replaceChildren(h('span', { class: 'tag' }, t('mail.pending')));
            button.remove();
          } catch (error) {
            button.disabled = false;
            action.append(h('p', { class: 'error', role: 'alert' }, describe(error)));
          }
        });
        action.append(button);
      }
      return h('tr', { dataset: { message: m.id } },
        h('td', {}, formatDate(m.createdAt, lang())),
        h('td', {}, m.recipient),
        h('td', {}, h('code', {}, m.template), h('div', { class: 'meta' }, [m.channel, m.locale].filter(Boolean).join(' · '))),
        status,
        h('td', {}, String(m.attempts ?? 0), m.sentAt ? h('div', { class: 'meta' }, formatDate(m.sentAt, lang())) : null),
        action);
    },
  });
  const filters = handle(h('form', { class: 'filters', role: 'search' },
    select({ name: 'status', label: t('admin.outbox.status'), value: query.get('status') || '',
      options: [['', t('admin.any')], ...STATUSES.map((s) => [s, t(`mail.${s}`)])] }),
    h('button', { type: 'submit', class: 'button' }, t('admin.filter'))),
  async ({ status }) => {
    const target = `/admin/outbox${status ? `?status=${encodeURIComponent(status)}` : ''}`;
    if (target === location.pathname + location.search) await table.load(true);
    else await navigate(target);
  });
  table.load(true).catch((error) => showErrors(filters, error));
  return adminPage('admin.outbox.title', filters, table.element);
}

const tone = (status) => ({ sent: 'ok', dead: 'bad', held: 'warn' }[status] || '');
