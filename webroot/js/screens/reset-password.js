import { api } from '../api.js';
import { field, h } from '../dom.js';
import { handle, notice } from '../forms.js';
import { t } from '../i18n.js';
import { passwordRules } from '../password-rules.js';

/** Opened from the reset mail: /reset-password?token=... */
export default function resetScreen({ query, scope }) {
  const token = query.get('token');
  const section = h('section', { class: 'narrow' }, h('h1', {}, t('reset.title')));
  if (!token) {
    section.append(h('p', { class: 'notice bad' }, t('link.missingToken')), h('p', {}, h('a', { href: '/forgot-password' }, t('login.forgot'))));
    return section;
  }
  const password = field({ name: 'newPassword', label: t('field.newPassword'), type: 'password', autocomplete: 'new-password', required: true });
  password.append(passwordRules(scope, password.querySelector('input')));
  const form = handle(h('form', { class: 'card' }, password, h('button', { type: 'submit', class: 'button' }, t('reset.submit'))),
    async ({ newPassword }) => {
      await api('POST', '/api/auth/password/reset', { token, newPassword });
      form.replaceWith(h('div', { class: 'card' },
        h('p', { class: 'notice ok', role: 'status' }, t('reset.done')),
        h('p', {}, h('a', { href: '/login', class: 'button' }, t('nav.login')))));
    });
  section.append(form, h('p', {}, h('a', { href: '/forgot-password' }, t('reset.newLink'))));
  return section;
}
