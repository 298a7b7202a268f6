// The pages that consume an emailed link (verify the email, confirm an email change): post the token
// once, then say what happened, in words the user can act on.
import { api } from './api.js';
import { h, replace } from './dom.js';
import { describe } from './forms.js';
import { t } from './i18n.js';
import { currentUser, updateUser } from './session.js';

// A token works once: re-rendering the page (a language switch) shows the first answer again. The signed-in
// user takes the answer once, when it arrives; a failure that may pass (the network, the server) is forgotten,
// so that "Retry" posts the token again.
const answers = new Map();

function post(endpoint, token) {
  if (!answers.has(token)) {
    answers.set(token, api('POST', endpoint, { token }).then((result) => {
      const me = currentUser();
      if (me) updateUser({ ...me, ...result });
      return result;
    }, (error) => {
      if (error.network || error.status >= 500) answers.delete(token);
      throw error;
    }));
  }
  return answers.get(token);
}

/** The page of an emailed link; its answer is shown only while the page is (scope: the screen's). */
export function tokenLink({ query, title, endpoint, done, scope }) {
  const token = query.get('token');
  const status = h('div', { class: 'card', 'aria-live': 'polite' }, h('p', {}, t('link.checking')));
  const section = h('section', { class: 'narrow' }, h('h1', {}, t(title)), status);
  const next = h('p', {}, h('a', { href: currentUser() ? '/settings' : '/login', class: 'button' },
    t(currentUser() ? 'nav.settings' : 'nav.login')));
  if (!token) {
    replace(status, h('p', { class: 'notice bad' }, t('link.missingToken')));
    return section;
  }
  const attempt = async () => {
    replace(status, h('p', {}, t('link.checking')));
    try {
      const result = await scope.guard(post(endpoint, token));
      replace(status, h('p', { class: 'notice ok', role: 'status' }, t(done, result)), next);
    } catch (error) {
      const retry = error.network || error.status >= 500
        ? h('button', { type: 'button', class: 'button', onclick: attempt }, t('common.retry')) : null;
      replace(status, h('p', { class: 'notice bad', role: 'alert' }, describe(error)), retry || next);
    }
  };
  attempt();
  return section;
}
