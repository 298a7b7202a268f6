// The frame shared by the admin screens: their own menu under the page title.
import { h } from '../../dom.js';
import { describe } from '../../forms.js';
import { t } from '../../i18n.js';
import { ADMIN_NAV } from '../../nav.js';

export function adminPage(titleKey, ...content) {
  const path = location.pathname === '/admin' ? '/admin/users' : location.pathname;
  return h('section', { class: 'admin' },
    h('nav', { class: 'tabs', 'aria-label': t('admin.nav.label') }, h('ul', {}, ADMIN_NAV.map((item) =>
      h('li', {}, h('a', { href: item.href, 'aria-current': path === item.href || path.startsWith(`${item.href}/`) ? 'page' : null }, t(item.key)))))),
    h('h1', {}, t(titleKey)),
    content);
}

/** A "load more" list: fetchPage(cursor) -> {items, nextCursor, total}; renderItems(items) -> rows. */
export function pagedTable({ head, fetchPage, renderRow, emptyKey = 'admin.empty' }) {
  const body = h('tbody');
  const status = h('p', { class: 'meta', 'aria-live': 'polite' });
  const more = h('button', { type: 'button', class: 'button secondary', hidden: true }, t('common.loadMore'));
  const error = h('div', { role: 'alert' });
  let cursor = null;
  let shown = 0;
  const load = async (reset) => {
    if (reset) { body.replaceChildren(); cursor = null; shown = 0; }
    more.disabled = true;
    error.replaceChildren();
    try {
      const page = await fetchPage(cursor);
      page.items.forEach((item) => body.append(renderRow(item)));
      shown += page.items.length;
      cursor = page.nextCursor;
      more.hidden = !cursor;
      status.textContent = shown ? t('admin.showing', { shown, total: page.total ?? shown }) : t(emptyKey);
    } finally {
      more.disabled = false;
    }
  };
  // The first page is loaded by the filter form, which shows errors next to its fields; later pages here.
  more.addEventListener('click', () => load(false).catch((e) => error.replaceChildren(h('p', { class: 'notice bad' }, describe(e)))));
  const table = h('div', { class: 'table-wrap' }, h('table', {},
    h('thead', {}, h('tr', {}, head.map((key) => h('th', { scope: 'col' }, t(key))))), body));
  return { element: h('div', {}, error, table, status, more), load };
}
