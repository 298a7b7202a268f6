// Start-up: restore the session from the refresh cookie, draw the header, and hand over to the router.
import { api, logout, mayHaveSession, refresh } from './api.js';
import { h, replace } from './dom.js';
import { describe } from './forms.js';
import { LANGUAGES, lang, onLangChange, setLang, t } from './i18n.js';
import { MAIN_NAV } from './nav.js';
import { navigate, onRender, render, start } from './router.js';
import { currentUser, onUserChange, updateUser } from './session.js';
import { bell } from './bell.js';
import { safePath } from './notify.js';
import './push.js';

const header = document.getElementById('top');
const main = document.getElementById('main');
const banner = document.getElementById('banner');

function drawHeader() {
  document.querySelector('.skip').textContent = t('nav.skip');
  const user = currentUser();
  const path = location.pathname;
  const links = MAIN_NAV.filter((item) => item.show(user)).map((item) => {
    const active = item.href === '/' ? path === '/' : path === item.href || path.startsWith(`${item.href}/`);
    return h('li', {}, h('a', { href: item.href, 'aria-current': active ? 'page' : null }, t(item.key)));
  });
  const language = h('select', { id: 'lang', 'aria-label': t('nav.language'), onchange: (e) => switchLanguage(e.target.value) },
    LANGUAGES.map(([code, name]) => h('option', { value: code }, name)));
  language.value = lang();
  const account = user
    ? [bell(path), h('span', { class: 'who' }, user.name || user.email),
      h('button', { type: 'button', class: 'link', onclick: signOut }, t('nav.logout'))]
    : [h('a', { href: '/login' }, t('nav.login')), h('a', { href: '/register', class: 'button small' }, t('nav.register'))];
  replace(header, h('div', { class: 'bar' },
    h('a', { href: '/', class: 'brand' }, 'Gerbang'),
    h('nav', { 'aria-label': t('nav.main') }, h('ul', {}, links)),
    h('div', { class: 'account' }, language, account)));
}

async function signOut() {
  try {
    await logout();
  } catch (error) {
    // The session is forgotten here whatever the server said; tell the user if it may live on there.
    showBanner(describe(error));
  }
  navigate('/login');
}

async function switchLanguage(code) {
  setLang(code);
  if (currentUser()) {
    try {
      updateUser(await api('PATCH', '/api/me', { locale: code }));
    } catch (error) {
      showBanner(describe(error));
    }
  }
}

export function showBanner(text) {
  replace(banner, text ? h('p', {}, text, ' ', h('button', { type: 'button', class: 'link', onclick: () => showBanner(null) }, t('common.dismiss'))) : null);
  banner.hidden = !text;
}

onUserChange((user) => {
  if (user && user.locale && user.locale !== lang()) setLang(user.locale);
  drawHeader();
  if (!user) render();
});
onLangChange(() => { drawHeader(); render(); });
onRender(drawHeader);
// A click on a push notification (sw.js) asks an open tab to show where it leads.
navigator.serviceWorker?.addEventListener('message', (event) => {
  const path = event.data && event.data.type === 'gerbang:navigate' ? safePath(event.data.path) : null;
  if (path && currentUser()) navigate(path);
});
navigator.serviceWorker?.startMessages();

async function boot() {
  drawHeader();
  try {
    if (mayHaveSession()) await refresh();
  } catch (error) {
    showBanner(describe(error));
  }
  await start(main);
}

boot();
