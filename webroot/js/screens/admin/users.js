import { field, formatDate, h, select } from '../../dom.js';
import { handle, showErrors } from '../../forms.js';
import { lang, t } from '../../i18n.js';
import { adminPage, pagedTable } from './layout.js';

export const ROLES = ['user', 'editor', 'doctor', 'patient', 'admin'];

/** Users: search by email/name/username, filter by role and status; the filters live in the address. */
export default function usersScreen({ query, navigate, scope }) {
  const table = pagedTable({
    head: ['admin.users.user', 'admin.users.roles', 'admin.users.status', 'admin.users.created'],
    fetchPage: (cursor) => {
      const params = new URLSearchParams();
      for (const key of ['q', 'role', 'status']) if (query.get(key)) params.set(key, query.get(key));
      if (cursor) params.set('cursor', cursor);
      return scope.api('GET', `/api/admin/users?${params}`);
    },
    renderRow: (u) => h('tr', { dataset: { user: u.id } },
      h('td', {}, h('a', { href: `/admin/users/${encodeURIComponent(u.id)}` }, u.name || u.email),
        h('div', { class: 'meta' }, u.email, u.username ? ` · @${u.username}` : '')),
      h('td', {}, u.roles.map((r) => h('span', { class: 'tag' }, t(`role.${r}`)))),
      h('td', {}, statusTag(u)),
      h('td', {}, formatDate(u.createdAt, lang()))),
  });
  const filters = handle(h('form', { class: 'filters', role: 'search' },
    field({ name: 'q', label: t('admin.users.search'), type: 'search', value: query.get('q') || '' }),
    select({ name: 'role', label: t('admin.users.role'), value: query.get('role') || '',
      options: [['', t('admin.any')], ...ROLES.map((r) => [r, t(`role.${r}`)])] }),
    select({ name: 'status', label: t('admin.users.status'), value: query.get('status') || '',
      options: [['', t('admin.any')], ...['active', 'disabled', 'unverified'].map((s) => [s, t(`status.${s}`)])] }),
    h('button', { type: 'submit', class: 'button' }, t('admin.filter'))),
  async (values) => {
    const params = new URLSearchParams(Object.entries(values).filter(([, v]) => v));
    const target = `/admin/users${params.toString() ? `?${params}` : ''}`;
    if (target === location.pathname + location.search) await table.load(true);
    else await navigate(target);
  });
  table.load(true).catch((error) => showErrors(filters, error));
  return adminPage('admin.users.title', filters, table.element);
}

export function statusTag(user) {
  if (user.disabled) return h('span', { class: 'tag bad' }, t('status.disabled'));
  if (!user.emailVerified) return h('span', { class: 'tag warn' }, t('status.unverified'));
  return h('span', { class: 'tag ok' }, t('status.active'));
}
