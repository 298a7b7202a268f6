import { login } from '../api.js';
import { field, h, replace } from '../dom.js';
import { handle } from '../forms.js';
import { t } from '../i18n.js';

// The second step and passkeys load only when a sign-in needs them: the sign-in screen itself stays one module.
const mfa = () => import('../mfa.js');
const passkeysSupported = () => typeof window.PublicKeyCredential === 'function' && !!navigator.credentials;

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

/** A social sign-in that needs its second step lands here with #mfaToken=...&methods=...&next=... (never sent to a server). */
function pendingFromFragment() {
  if (!location.hash.startsWith('#mfaToken=')) return null;
  const params = new URLSearchParams(location.hash.slice(1));
  history.replaceState(history.state, '', location.pathname + location.search);
  return {
    mfaToken: params.get('mfaToken'), methods: (params.get('methods') || '').split(',').filter(Boolean),
    enrolmentRequired: params.get('enrol') === '1', next: params.get('next'),
  };
}

export default function loginScreen({ query, navigate, scope }) {
  const section = h('section', { class: 'narrow' });
  const done = (next) => () => navigate(next, { replace: true });
  const showSecondStep = async (pending, next) => {
    const { secondStep } = await mfa();
    replace(section, h('h1', { id: 'login-title' }, t('login.title')), secondStep(pending, done(next)));
  };
  const form = handle(h('form', { class: 'card', 'aria-labelledby': 'login-title' },
    field({ name: 'email', label: t('field.email'), type: 'email', autocomplete: 'username webauthn', required: true }),
    field({ name: 'password', label: t('field.password'), type: 'password', autocomplete: 'current-password', required: true }),
    h('button', { type: 'submit', class: 'button' }, t('login.submit'))),
  async ({ email, password }) => {
    const result = await login(email, password);
    if (result.mfa) await showSecondStep(result.mfa, nextPath(query));
    else navigate(nextPath(query), { replace: true });
  });
  const passkey = passkeysSupported() ? h('button', { type: 'button', class: 'button secondary', 'data-passkey-sign-in': '' },
    t('login.passkey')) : null;
  const passkeyError = h('div', { 'aria-live': 'polite' });
  passkey?.addEventListener('click', async () => {
    passkey.disabled = true;
    replace(passkeyError);
    try {
      await (await mfa()).passkeySignIn();
      navigate(nextPath(query), { replace: true });
    } catch (error) {
      passkey.disabled = false;
      replace(passkeyError, h('p', { class: 'notice bad', role: 'alert' }, error.problem?.detail || t('login.passkeyFailed')));
    }
  });
  const pending = pendingFromFragment();
  if (pending) {
    const next = pending.next && pending.next.startsWith('/') && !pending.next.startsWith('//') ? pending.next : '/';
    replace(section, h('h1', { id: 'login-title' }, t('login.title')), h('p', {}, t('common.loading')));
    showSecondStep(pending, next);
    return section;
  }
  replace(section,
    h('h1', { id: 'login-title' }, t('login.title')),
    oauthError(query),
    form,
    passkey, passkeyError,
    providerButtons(scope, nextPath(query)),
    h('p', {}, h('a', { href: '/forgot-password' }, t('login.forgot'))),
    h('p', {}, t('login.noAccount'), ' ', h('a', { href: '/register' }, t('nav.register'))));
  return section;
}
