import { login } from '../api.js';
import { field, h } from '../dom.js';
import { handle } from '../forms.js';
import { t } from '../i18n.js';

/** Where to go after signing in: only a path of ours, never another site. */
function nextPath(query) {
  const next = query.get('next') || '/';
  return next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

/** "Continue with Google" and friends, for the providers the server has enabled (none: nothing shown). */
function providerButtons(scope, next) {
  const box = h('div', { class: 'providers' });
  scope.api('GET', '/api/auth/oauth/providers').then(({ items }) => {
    const landing = `/oauth-complete?next=${encodeURIComponent(next)}`;
    items.forEach((p) => box.append(h('a', {
      class: 'button secondary provider', href: `${p.loginUrl}?redirect=${encodeURIComponent(landing)}`, 'data-provider': p.name,
    }, t('login.continueWith', { provider: p.displayName }))));
  }).catch(() => {});
  return box;
}

/** The message for a social sign-in that came back with ?oauthError=code. */
export function oauthError(query) {
  const code = query.get('oauthError');
  if (!code) return null;
  const known = ['access_denied', 'provider_error', 'state_mismatch', 'flow_expired', 'invalid_token', 'link_required',
    'account_disabled', 'email_required', 'identity_taken', 'already_linked', 'confirm_email', 'confirm_email_sent',
    'email_unverified', 'verify_email_first'];
  // Not a failure: the sign-in waits for the emailed link.
  const waiting = code === 'confirm_email' || code === 'confirm_email_sent';
  return h('p', { class: waiting ? 'notice ok' : 'notice bad', role: waiting ? 'status' : 'alert', 'data-oauth-error': code },
    t(`oauth.error.${known.includes(code) ? code : 'provider_error'}`));
}

export default function loginScreen({ query, navigate, scope }) {
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
    oauthError(query),
    form,
    providerButtons(scope, nextPath(query)),
    h('p', {}, h('a', { href: '/forgot-password' }, t('login.forgot'))),
    h('p', {}, t('login.noAccount'), ' ', h('a', { href: '/register' }, t('nav.register'))));
}
