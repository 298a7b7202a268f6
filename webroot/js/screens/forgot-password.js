import { api } from '../api.js';
import { field, h } from '../dom.js';
import { handle, notice } from '../forms.js';
import { t } from '../i18n.js';

export default function forgotScreen() {
  const section = h('section', { class: 'narrow' }, h('h1', {}, t('forgot.title')), h('p', {}, t('forgot.intro')));
  const form = handle(h('form', { class: 'card' },
    field({ name: 'email', label: t('field.email'), type: 'email', autocomplete: 'email', required: true }),
    h('button', { type: 'submit', class: 'button' }, t('forgot.submit'))),
  async ({ email }) => {
    await api('POST', '/api/auth/password/forgot', { email });
    // Same answer whether or not the account exists: the API never tells.
    notice(form, t('forgot.sent')).focus();
  });
  section.append(form, h('p', {}, h('a', { href: '/login' }, t('nav.login'))));
  return section;
}
