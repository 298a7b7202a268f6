import { expectSession, refresh } from '../api.js';
import { h } from '../dom.js';
import { t } from '../i18n.js';

/** Where a social sign-in lands: the server set the refresh cookie, so trade it for a session, then go on. */
export default async function oauthCompleteScreen({ query, navigate, scope }) {
  const next = query.get('next') || '/';
  const safeNext = next.startsWith('/') && !next.startsWith('//') ? next : '/';
  expectSession();
  let ok = false;
  try {
    ok = await refresh();
  } catch (e) {
    ok = false;
  }
  // Once this page shows; not if the user went elsewhere meanwhile.
  scope.timeout(() => navigate(ok ? safeNext : '/login?oauthError=provider_error', { replace: true }), 0);
  return h('section', { class: 'narrow' }, h('h1', {}, t('oauth.completing')), h('p', {}, t('common.loading')));
}
