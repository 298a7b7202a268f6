import { api } from '../api.js';
import { h } from '../dom.js';
import { describe } from '../forms.js';
import { t } from '../i18n.js';

export default function homeScreen({ user, query }) {
  if (!user) {
    return h('section', { class: 'hero' },
      h('h1', {}, t('home.title')),
      query.get('deleted') ? h('p', { class: 'notice ok', role: 'status' }, t('home.deleted')) : null,
      h('p', { class: 'lead' }, t('home.lead')),
      h('p', { class: 'actions' }, h('a', { href: '/register', class: 'button' }, t('nav.register')),
        h('a', { href: '/login', class: 'button secondary' }, t('nav.login'))));
  }
  const section = h('section', {},
    h('h1', {}, t('home.hello', { name: user.name || user.username || user.email })),
    query.get('welcome') ? h('p', { class: 'notice ok', role: 'status' }, t('home.welcome')) : null);
  if (!user.emailVerified) section.append(unverified(user));
  section.append(h('div', { class: 'card' },
    h('h2', {}, t('home.account')),
    h('dl', { class: 'facts' },
      h('dt', {}, t('field.email')), h('dd', {}, user.email),
      h('dt', {}, t('field.username')), h('dd', {}, user.username || '—'),
      h('dt', {}, t('home.roles')), h('dd', { class: 'roles' }, user.roles.map((r) => h('span', { class: 'tag', dataset: { role: r } }, t(`role.${r}`))))),
    h('p', {}, h('a', { href: '/settings' }, t('home.toSettings')))));
  return section;
}

function unverified(user) {
  const box = h('div', { class: 'notice warn' }, h('p', {}, t('home.unverified', { email: user.email })));
  const button = h('button', { type: 'button', class: 'button small' }, t('home.resend'));
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      await api('POST', '/api/auth/verify-email/resend', { email: user.email });
      box.append(h('p', { role: 'status' }, t('home.resent')));
    } catch (error) {
      box.append(h('p', { role: 'alert' }, describe(error)));
      button.disabled = false;
    }
  });
  box.append(button);
  return box;
}
