import { field, formatDate, h } from '../../dom.js';
import { handle, showErrors } from '../../forms.js';
import { lang, t } from '../../i18n.js';
import { adminPage, pagedTable } from './layout.js';

// The events the server records today; the filter takes any text, these are suggestions.
const EVENTS = ['register', 'login', 'login_failed', 'login_refused', 'logout', 'logout_all', 'refresh_reuse',
  'session_revoked', 'password_changed', 'password_reset', 'email_verified', 'email_change_requested', 'email_changed',
  'account_deleted', 'admin_user_updated', 'admin_sessions_revoked', 'admin_mail_retried'];
const FILTERS = ['event', 'userId', 'from', 'to'];

/** The audit trail, newest first, filtered by event, user and dates (inclusive). */
export default function auditScreen({ query, navigate, scope }) {
  const table = pagedTable({
    head: ['admin.audit.at', 'admin.audit.event', 'admin.audit.user', 'admin.audit.ip', 'admin.audit.detail'],
    fetchPage: (cursor) => {
      const params = new URLSearchParams();
      for (const key of FILTERS) if (query.get(key)) params.set(key, query.get(key));
      if (cursor) params.set('cursor', cursor);
      return scope.api('GET', `/api/admin/audit?${params}`);
    },
    renderRow: (e) => h('tr', {},
      h('td', {}, formatDate(e.at, lang())),
      h('td', {}, h('code', {}, e.event)),
      h('td', { class: 'mono' }, e.userId ? h('a', { href: `/admin/users/${encodeURIComponent(e.userId)}` }, short(e.userId)) : '—',
        e.actorId && e.actorId !== e.userId ? h('div', { class: 'meta' }, t('admin.audit.by', { id: short(e.actorId) })) : null),
      h('td', {}, e.ip || '—'),
      h('td', { class: 'detail' }, e.detail ? JSON.stringify(e.detail) : '')),
  });
  const list = h('datalist', { id: 'audit-events' }, EVENTS.map((e) => h('option', { value: e })));
  const filters = handle(h('form', { class: 'filters', role: 'search' },
    field({ name: 'event', label: t('admin.audit.event'), value: query.get('event') || '', attrs: { list: 'audit-events' } }), list,
    field({ name: 'userId', label: t('admin.audit.userId'), value: query.get('userId') || '' }),
    field({ name: 'from', label: t('admin.audit.from'), type: 'date', value: query.get('from') || '' }),
    field({ name: 'to', label: t('admin.audit.to'), type: 'date', value: query.get('to') || '' }),
    h('button', { type: 'submit', class: 'button' }, t('admin.filter'))),
  async (values) => {
    const params = new URLSearchParams(Object.entries(values).filter(([, v]) => v));
    const target = `/admin/audit${params.toString() ? `?${params}` : ''}`;
    if (target === location.pathname + location.search) await table.load(true);
    else await navigate(target);
  });
  table.load(true).catch((error) => showErrors(filters, error));
  return adminPage('admin.audit.title', filters, table.element);
}

const short = (id) => (id.length > 13 ? `${id.slice(0, 8)}…${id.slice(-4)}` : id);
