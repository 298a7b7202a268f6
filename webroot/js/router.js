// A small router on the History API: links to our own pages are followed without a reload, the back
// button works, and each screen module renders into <main>.
//
// A screen is a module whose default export takes ctx = {params, query, user, navigate, scope} and returns its
// element (or a promise of it). ctx.scope (lifecycle.js) lives exactly as long as the screen: whatever the screen
// starts that outlives its DOM (a listener on document or window, a subscription to the notification stream, a
// timer, a request in flight, a dialog) is registered with it. The router disposes the scope once, when another
// render replaces the screen: another screen, the not-found, forbidden or error page, a redirect to sign-in,
// sign-out, or the same screen drawn again (a language switch). A render overtaken by a newer one before it
// finished is never shown: its scope is disposed at once (its requests aborted), and the screen on show stays,
// listening, until the newer render replaces it. A screen that fails has its scope disposed with it.
import { h, replace } from './dom.js';
import { t } from './i18n.js';
import { scope } from './lifecycle.js';
import { match } from './routes.js';
import { currentUser } from './session.js';

let outlet;
let renderId = 0;
let shown = null; // the scope of the screen on show (null for a message page)
let loading = null; // the scope of a screen being rendered, not shown yet
const afterRender = new Set();

export function start(main) {
  outlet = main;
  document.addEventListener('click', (event) => {
    const link = event.target.closest('a[href]');
    if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey
      || event.shiftKey || event.altKey || link.target || link.hasAttribute('download')) return;
    const url = new URL(link.href, location.href);
    if (url.origin !== location.origin || url.pathname.startsWith('/api/') || url.pathname.startsWith('/health/')) return;
    if (url.hash && url.pathname === location.pathname && url.search === location.search) return;
    event.preventDefault();
    navigate(url.pathname + url.search);
  });
  window.addEventListener('popstate', () => render());
  return render();
}

/** fn(pathname) after every render; answers a function that stops it. */
export function onRender(fn) {
  afterRender.add(fn);
  return () => afterRender.delete(fn);
}

export function navigate(to, { replace: replacing = false } = {}) {
  if (to !== location.pathname + location.search) {
    history[replacing ? 'replaceState' : 'pushState'](null, '', to);
  }
  return render();
}

/** Renders the screen for the current address; settles once it shows, or once a newer render overtook it. */
export async function render() {
  if (!outlet) return undefined;
  const id = ++renderId;
  // A screen still being rendered will never show now: release what it started (its requests are aborted).
  loading?.dispose();
  loading = null;
  const found = match(location.pathname);
  const user = currentUser();
  const query = new URLSearchParams(location.search);
  let view;
  let life = null;
  if (!found) {
    view = message('notFound.title', 'notFound.text');
  } else if (found.route.auth === 'required' && !user) {
    return navigate(`/login?next=${encodeURIComponent(location.pathname + location.search)}`, { replace: true });
  } else if (found.route.auth === 'guest' && user) {
    return navigate('/', { replace: true });
  } else if ((found.route.role && !user.roles.includes(found.route.role))
      || (found.route.roles && !found.route.roles.some((role) => user.roles.includes(role)))) {
    view = message('forbidden.title', 'forbidden.text');
  } else {
    try {
      const module = await found.route.load();
      if (id !== renderId) return;
      life = scope();
      loading = life;
      // Overtaken, the screen may wait forever (its aborted reads never settle): stop waiting when its scope ends.
      const overtaken = new Promise((resolve) => { life.add(resolve); });
      view = await Promise.race([module.default({ params: found.params, query, user, navigate, scope: life }), overtaken]);
    } catch (error) {
      if (id !== renderId) return;
      console.warn(error);
      life?.dispose();
      life = null;
      view = message('error.title', 'error.unexpected');
    }
  }
  if (id !== renderId) return;
  loading = null;
  // The screen that was on show is left: its scope ends here, exactly once.
  shown?.dispose();
  shown = life;
  replace(outlet, view);
  const heading = outlet.querySelector('h1');
  document.title = heading ? `${heading.textContent} · Gerbang` : 'Gerbang';
  if (heading) {
    heading.tabIndex = -1;
    heading.focus({ preventScroll: true });
  }
  window.scrollTo(0, 0);
  afterRender.forEach((fn) => fn(location.pathname));
}

function message(title, text) {
  return h('section', { class: 'narrow' }, h('h1', {}, t(title)), h('p', {}, t(text)),
    h('p', {}, h('a', { href: '/' }, t('nav.home'))));
}
