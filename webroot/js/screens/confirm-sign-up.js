import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { describe } from '../forms.js';
import { t } from '../i18n.js';

// A token works once: re-rendering the page (a language switch) must not post it again. A failure that may
// pass (the network, the server) is forgotten, so that opening the link again retries.
const answers = new Map();

function confirm(token) {
  if (!answers.has(token)) {
    answers.set(token, api('POST', '/api/auth/oauth/confirm', { token }).catch((error) => {
      if (error.network || error.status >= 500) answers.delete(token);
      throw error;
    }));
  }
  return answers.get(token);
}

/**
 * Opened from the mail that finishes a first social sign-in whose email the provider did not verify:
 * /confirm-sign-up?token=... The server creates the account (only in the browser that signed in) and sets
 * the session cookie; the usual landing page then trades it for a session.
 */
export default function confirmSignUpScreen({ query, navigate, scope }) {
  const token = query.get('token');
  const status = h('div', { class: 'card', 'aria-live': 'polite' }, h('p', {}, t('link.checking')));
  const section = h('section', { class: 'narrow' }, h('h1', {}, t('signUpConfirm.title')), status);
  if (!token) {
    replace(status, h('p', { class: 'notice bad' }, t('link.missingToken')));
    return section;
  }
  // The answer goes on to the next page only from this one: not from a page left meanwhile, nor twice.
  scope.guard(confirm(token)).then(({ redirectPath }) => {
    const next = redirectPath && redirectPath.startsWith('/') && !redirectPath.startsWith('//') ? redirectPath : '/oauth-complete';
    replace(status, h('p', { class: 'notice ok', role: 'status' }, t('signUpConfirm.done')));
    scope.timeout(() => navigate(next, { replace: true }), 0);
  }).catch((error) => {
    replace(status, h('p', { class: 'notice bad', role: 'alert' }, describe(error)),
      h('p', {}, h('a', { href: '/login', class: 'button' }, t('nav.login'))));
  });
  return section;
}
