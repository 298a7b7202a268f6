import { api, login } from '../api.js';
import { field, h } from '../dom.js';
import { handle, notice } from '../forms.js';
import { lang, t } from '../i18n.js';
import { passwordRules } from '../password-rules.js';

export default function registerScreen({ navigate, scope }) {
  const password = field({ name: 'password', label: t('field.password'), type: 'password', autocomplete: 'new-password', required: true, hint: t('register.passwordHint') });
  const email = field({ name: 'email', label: t('field.email'), type: 'email', autocomplete: 'email', required: true });
  const input = password.querySelector('input');
  password.append(passwordRules(scope, input, () => email.querySelector('input').value));
  const section = h('section', { class: 'narrow' }, h('h1', {}, t('register.title')));
  const form = handle(h('form', { class: 'card' },
    field({ name: 'name', label: t('field.name'), autocomplete: 'name', required: true }),
    email,
    field({ name: 'username', label: t('field.usernameOptional'), autocomplete: 'username', hint: t('field.usernameHint') }),
    password,
    h('button', { type: 'submit', class: 'button' }, t('register.submit'))),
  async (values) => {
    const body = { name: values.name, email: values.email, password: values.password, locale: lang() };
    if (values.username) body.username = values.username;
    await api('POST', '/api/auth/register', body);
    // The account exists now: signing in may still be refused until the email is verified.
    try {
      const signedIn = await login(values.email, values.password);
      // A role that must use a second factor signs in on the sign-in screen, which walks through the enrolment.
      navigate(signedIn.mfa ? '/login' : '/?welcome=1', { replace: true });
    } catch (error) {
      form.replaceWith(notice(section, t('register.checkMail'), 'ok'));
    }
  });
  section.append(form, h('p', {}, t('register.haveAccount'), ' ', h('a', { href: '/login' }, t('nav.login'))));
  return section;
}
