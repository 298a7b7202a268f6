import { api } from '../../api.js';
import { formatDate, h, replace } from '../../dom.js';
import { describe } from '../../forms.js';
import { lang, t } from '../../i18n.js';
import { oauthError } from '../login.js';

/** Linked sign-in providers: link another (through the provider, back to /settings), or unlink one. */
export default {
  id: 'identities',
  render({ query, scope }) {
    const box = h('div', { 'aria-live': 'polite' }, h('p', {}, t('common.loading')));
    const load = async () => {
      try {
        const [{ items: linked }, { items: providers }] = await Promise.all([
          scope.api('GET', '/api/me/identities'), scope.api('GET', '/api/auth/oauth/providers')]);
        const rows = providers.map((p) => {
          const identity = linked.find((i) => i.provider === p.name);
          return h('li', { class: 'session', dataset: { provider: p.name } },
            h('div', {}, h('strong', {}, p.displayName),
              h('p', { class: 'meta' }, identity
                ? t('settings.identities.linked', { email: identity.email || '?', when: formatDate(identity.createdAt, lang()) })
                : t('settings.identities.notLinked'))),
            identity ? action(t('settings.identities.unlink', { provider: p.displayName }), async () => {
              await api('DELETE', `/api/me/identities/${encodeURIComponent(p.name)}`);
              await load();
            }, box) : action(t('settings.identities.link', { provider: p.displayName }), async () => {
              const { authorizeUrl } = await api('POST', `/api/me/identities/${encodeURIComponent(p.name)}`);
              window.location.assign(authorizeUrl);
            }, box));
        });
        replace(box, oauthError(query), rows.length ? h('ul', { class: 'sessions' }, rows) : h('p', {}, t('settings.identities.none')));
      } catch (error) {
        replace(box, h('p', { class: 'notice bad', role: 'alert' }, describe(error)),
          h('button', { type: 'button', class: 'button small', onclick: load }, t('common.retry')));
      }
    };
    load();
    return box;
  },
};

function action(label, run, box) {
  const button = h('button', { type: 'button', class: 'button small secondary' }, label);
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      await run();
    } catch (error) {
      button.disabled = false;
      box.prepend(h('p', { class: 'notice bad', role: 'alert' }, describe(error)));
    }
  });
  return button;
}
