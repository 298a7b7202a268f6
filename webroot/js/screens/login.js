import { login } from '../api.js';
import { field, h } from '../dom.js';
import { handle } from '../forms.js';
import { t } from '../i18n.js';

/** Where to go after signing in: only a path of ours, never another site. */
function nextPath(query) {
  const next = query.get('next') || '/';
  return next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export default function loginScreen({ query, navigate }) {
  const form = handle(h('form', { class: 'card', 'aria-labelledby': 'login-title' },
    field({ name: 'email', label: t('field.email'), type: 'email', autocomplete: 'username', required: true }),
    field({ name: 'password', label: t('field.password'), type: 'password', autocomplete: 'current-password', required: true }),
    h('button', { type: 'submit', class: 'button' }, t('login.submit'))),
  async ({ email, password }) => {
    await login(email, password);
    navigate(nextPath(query), { replace: true });
  });
  return h('section', { class: 'narrow' },
    h('h1', { id: 'login-title' }, t('login.title')),
    form,
    h('p', {}, h('a', { href: '/forgot-password' }, t('login.forgot'))),
    h('p', {}, t('login.noAccount'), ' ', h('a', { href: '/register' }, t('nav.register'))));
}
