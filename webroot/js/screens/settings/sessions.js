import { api, forget, prepareSignOut } from '../../api.js';
import { formatDate, h, replace } from '../../dom.js';
import { describe } from '../../forms.js';
import { lang, t } from '../../i18n.js';

/** The devices signed in to this account, with "sign out" for each (GET/DELETE /api/auth/sessions). */
export default {
  id: 'sessions',
  render({ navigate, scope }) {
    const box = h('div', { 'aria-live': 'polite' }, h('p', {}, t('common.loading')));
    const everywhere = h('button', { type: 'button', class: 'button secondary' }, t('settings.sessions.everywhere'));
    everywhere.addEventListener('click', async () => {
      everywhere.disabled = true;
      try {
        await prepareSignOut();
        await api('POST', '/api/auth/logout-all');
        forget();
        navigate('/login', { replace: true });
      } catch (error) {
        everywhere.disabled = false;
        box.prepend(h('p', { class: 'notice bad', role: 'alert' }, describe(error)));
      }
    });
    const load = async () => {
      try {
        const { items } = await scope.api('GET', '/api/auth/sessions');
        replace(box, h('ul', { class: 'sessions' }, items.map((s) => row(s, load, box))));
      } catch (error) {
        replace(box, h('p', { class: 'notice bad', role: 'alert' }, describe(error)),
          h('button', { type: 'button', class: 'button small', onclick: load }, t('common.retry')));
      }
    };
    // A password change elsewhere on the page ended the other sessions.
    scope.on(document, 'gerbang:sessions-changed', load);
    load();
    return h('div', {}, box, everywhere);
  },
};

function row(session, reload, box) {
  const button = session.current
    ? h('span', { class: 'tag ok' }, t('settings.sessions.current'))
    : h('button', { type: 'button', class: 'button small secondary' }, t('settings.sessions.signOut'));
  if (!session.current) {
    button.setAttribute('aria-label', t('settings.sessions.signOutDevice', { device: session.device }));
    button.addEventListener('click', async () => {
      button.disabled = true;
      try {
        await api('DELETE', `/api/auth/sessions/${encodeURIComponent(session.id)}`);
        await reload();
      } catch (error) {
        button.disabled = false;
        box.prepend(h('p', { class: 'notice bad', role: 'alert' }, describe(error)));
      }
    });
  }
  return h('li', { class: 'session', dataset: { session: session.id } },
    h('div', {},
      h('strong', {}, session.device),
      h('p', { class: 'meta' }, t('settings.sessions.meta', {
        ip: session.ip || '?', created: formatDate(session.createdAt, lang()), used: formatDate(session.lastUsedAt, lang()),
      }))),
    button);
}
