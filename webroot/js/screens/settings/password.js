import { api, ApiError } from '../../api.js';
import { field, h } from '../../dom.js';
import { handle, notice } from '../../forms.js';
import { t } from '../../i18n.js';
import { passwordRules } from '../../password-rules.js';
import { currentUser, updateUser } from '../../session.js';

/** "Sign in again with Google": a fresh sign-in through the provider, back to these settings. */
async function signInAgain(scope) {
  const [{ items: linked }, { items: providers }] = await Promise.all([
    scope.api('GET', '/api/me/identities'), scope.api('GET', '/api/auth/oauth/providers')]);
  const landing = `/oauth-complete?next=${encodeURIComponent('/settings')}`;
  return h('p', { class: 'providers' }, providers.filter((p) => linked.some((i) => i.provider === p.name)).map((p) =>
    h('a', { class: 'button secondary provider', href: `${p.loginUrl}?redirect=${encodeURIComponent(landing)}` },
      t('login.continueWith', { provider: p.displayName }))));
}

/**
 * POST /api/me/password: the API ends every other session of the account. An account without a password (it
 * signs in with a provider) adds one without a current password, but only soon after signing in: otherwise the
 * API answers reauthentication-required, and the buttons to sign in again appear.
 */
export default {
  id: 'password',
  render({ scope }) {
    const hasPassword = currentUser()?.hasPassword !== false;
    const next = field({ name: 'newPassword', label: t('field.newPassword'), type: 'password', autocomplete: 'new-password', required: true });
    next.append(passwordRules(scope, next.querySelector('input'), () => currentUser()?.email || ''));
    const again = h('div', {});
    const form = handle(h('form', {},
      hasPassword
        ? field({ name: 'currentPassword', label: t('field.currentPassword'), type: 'password', autocomplete: 'current-password', required: true })
        : h('p', { class: 'meta' }, t('settings.password.none')),
      next,
      h('button', { type: 'submit', class: 'button' }, t(hasPassword ? 'settings.password.submit' : 'settings.password.add')),
      again),
    async (values) => {
      try {
        const result = await api('POST', '/api/me/password', values);
        if (!hasPassword) updateUser({ ...currentUser(), hasPassword: true });
        form.reset();
        again.replaceChildren();
        next.querySelector('.rules').replaceChildren();
        notice(form, t('settings.password.done', { n: result.sessionsRevoked })).focus();
        document.dispatchEvent(new CustomEvent('gerbang:sessions-changed'));
      } catch (error) {
        if (error instanceof ApiError && error.problem.type?.endsWith('/reauthentication-required')) {
          again.replaceChildren(await signInAgain(scope).catch(() => ''));
        }
        throw error;
      }
    });
    return form;
  },
};
