// A small router on the History API: links to our own pages are followed without a reload, the back
// button works, and each screen module renders into <main>.
import { h, replace } from './dom.js';
import { t } from './i18n.js';
import { match } from './routes.js';
import { currentUser } from './session.js';

let outlet;
let renderId = 0;
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

export function onRender(fn) {
  afterRender.add(fn);
}

export function navigate(to, { replace: replacing = false } = {}) {
  if (to !== location.pathname + location.search) {
    history[replacing ? 'replaceState' : 'pushState'](null, '', to);
  }
  return render();
}

/** Renders the screen for the current address. */
export async function render() {
  if (!outlet) return undefined;
  const id = ++renderId;
  const found = match(location.pathname);
  const user = currentUser();
  const query = new URLSearchParams(location.search);
  let view;
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
      view = await module.default({ params: found.params, query, user, navigate });
    } catch (error) {
      console.warn(error);
      view = message('error.title', 'error.unexpected');
    }
  }
  if (id !== renderId) return;
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
