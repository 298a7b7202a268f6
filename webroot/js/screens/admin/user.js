import { api } from '../../api.js';
import { formatDate, h, replace } from '../../dom.js';
import { describe, handle, notice } from '../../forms.js';
import { lang, t } from '../../i18n.js';
import { currentUser } from '../../session.js';
import { adminPage } from './layout.js';
import { ROLES, statusTag } from './users.js';
import { userFactorsCard } from './mfa.js';

/** One user: roles, disable/enable, and their sessions, with "sign out everywhere". */
export default async function userScreen({ params, scope }) {
  const body = h('div', { 'aria-live': 'polite' }, h('p', {}, t('common.loading')));
  const page = adminPage('admin.user.title', h('p', {}, h('a', { href: '/admin/users' }, t('admin.user.back'))), body);
  const load = async (done) => {
    try {
      const data = await scope.api('GET', `/api/admin/users/${encodeURIComponent(params.id)}`);
      replace(body, details(data, load), userFactorsCard(data.user.id, scope));
      if (typeof done === 'string') notice(body, done).focus();
    } catch (error) {
      replace(body, h('p', { class: 'notice bad', role: 'alert' }, describe(error)),
        error.status === 404 ? null : h('button', { type: 'button', class: 'button small', onclick: load }, t('common.retry')));
    }
  };
  load();
  return page;
}

function details({ user, sessions }, reload) {
  const self = currentUser()?.id === user.id;
  const roles = handle(h('form', { class: 'card', 'aria-labelledby': 'roles-title' },
    h('h2', { id: 'roles-title' }, t('admin.user.roles')),
    h('fieldset', { class: 'field checks', dataset: { field: 'roles' } },
      h('legend', {}, t('admin.user.rolesLegend')),
      ROLES.map((role) => h('label', { class: 'check' },
        h('input', { type: 'checkbox', name: 'role', value: role, checked: user.roles.includes(role) }), ' ', t(`role.${role}`))),
      h('p', { class: 'error', role: 'alert' })),
    h('button', { type: 'submit', class: 'button' }, t('admin.user.saveRoles'))),
  async (values, form) => {
    const chosen = [...form.querySelectorAll('input[name=role]:checked')].map((i) => i.value);
    await api('PATCH', `/api/admin/users/${encodeURIComponent(user.id)}`, { roles: chosen });
    await reload(t('admin.user.rolesSaved'));
  });
  const access = handle(h('form', { class: 'card', 'aria-labelledby': 'access-title' },
    h('h2', { id: 'access-title' }, t('admin.user.access')),
    h('p', {}, statusTag(user)),
    h('div', { class: 'field', dataset: { field: 'disabled' } }, h('p', { class: 'error', role: 'alert' })),
    h('button', { type: 'submit', class: `button ${user.disabled ? '' : 'danger'}` },
      t(user.disabled ? 'admin.user.enable' : 'admin.user.disable'))),
  async () => {
    await api('PATCH', `/api/admin/users/${encodeURIComponent(user.id)}`, { disabled: !user.disabled });
    await reload(t(user.disabled ? 'admin.user.enabled' : 'admin.user.disabled'));
  });
  const signOut = handle(h('form', {},
    h('button', { type: 'submit', class: 'button secondary', disabled: !sessions.length }, t('admin.user.revokeSessions'))),
  async () => {
    const result = await api('DELETE', `/api/admin/users/${encodeURIComponent(user.id)}/sessions`);
    await reload(t('admin.user.revoked', { n: result.sessionsRevoked }));
  });
  return [
    h('div', { class: 'card' },
      h('h2', {}, user.name || user.email, self ? ` (${t('admin.user.you')})` : ''),
      h('dl', { class: 'facts' },
        h('dt', {}, t('field.email')), h('dd', {}, user.email),
        h('dt', {}, t('field.username')), h('dd', {}, user.username || '—'),
        h('dt', {}, t('field.locale')), h('dd', {}, user.locale || '—'),
        h('dt', {}, t('admin.users.created')), h('dd', {}, formatDate(user.createdAt, lang())),
        h('dt', {}, 'ID'), h('dd', { class: 'mono' }, user.id),
        h('dt', {}, t('admin.audit.title')), h('dd', {}, h('a', { href: `/admin/audit?userId=${encodeURIComponent(user.id)}` }, t('admin.user.auditLink'))))),
    h('div', { class: 'grid2' }, roles, access),
    h('section', { class: 'card', id: 'sessions-card', 'aria-labelledby': 'sessions-title' },
      h('h2', { id: 'sessions-title' }, t('admin.user.sessions', { n: sessions.length })),
      sessions.length ? h('ul', { class: 'sessions' }, sessions.map((s) => h('li', { class: 'session' },
        h('div', {}, h('strong', { title: s.userAgent || undefined }, s.device || s.userAgent || t('admin.user.unknownDevice')),
          h('p', { class: 'meta' }, t('settings.sessions.meta', { ip: s.ip || '?', created: formatDate(s.createdAt, lang()), used: formatDate(s.lastUsedAt, lang()) })))))) : h('p', {}, t('admin.user.noSessions')),
      signOut),
  ];
}
