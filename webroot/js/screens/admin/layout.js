// The frame shared by the admin screens: their own menu under the page title.
import { h } from '../../dom.js';
import { describe } from '../../forms.js';
import { t } from '../../i18n.js';
import { adminNavFor } from '../../nav.js';
import { currentUser } from '../../session.js';

export function adminPage(titleKey, ...content) {
  const tabs = adminNavFor(currentUser());
  const path = location.pathname === '/admin' ? tabs[0]?.href : location.pathname;
  return h('section', { class: 'admin' },
    h('nav', { class: 'tabs', 'aria-label': t('admin.nav.label') }, h('ul', {}, tabs.map((item) =>
      h('li', {}, h('a', { href: item.href, 'aria-current': path === item.href || path.startsWith(`${item.href}/`) ? 'page' : null }, t(item.key)))))),
    h('h1', {}, t(titleKey)),
    content);
}

/**
 * A "load more" list: fetchPage(cursor) -> {items, nextCursor, total}; renderRow(item) -> a row. With stack, a
 * phone shows each row as a block whose cells carry their column's name; row(item) renders one row that way.
 */
export function pagedTable({ head, fetchPage, renderRow, emptyKey = 'admin.empty', stack = false }) {
  const body = h('tbody');
  const status = h('p', { class: 'meta', 'aria-live': 'polite' });
  const more = h('button', { type: 'button', class: 'button secondary', hidden: true }, t('common.loadMore'));
  const error = h('div', { role: 'alert' });
  let cursor = null;
  let shown = 0;
  const row = (item) => {
    const tr = renderRow(item);
    [...tr.children].forEach((cell, i) => {
      if (head[i]) cell.dataset.label = t(head[i]);
      // One box per cell, so that a stacked cell is two columns: its label and its content.
      if (stack) cell.replaceChildren(h('div', { class: 'cell' }, ...cell.childNodes));
    });
    return tr;
  };
  const load = async (reset) => {
    if (reset) { body.replaceChildren(); cursor = null; shown = 0; }
    more.disabled = true;
    error.replaceChildren();
    try {
      const page = await fetchPage(cursor);
      page.items.forEach((item) => body.append(row(item)));
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
  const table = h('div', { class: 'table-wrap' }, h('table', { class: stack ? 'stack' : null },
    h('thead', {}, h('tr', {}, head.map((key) => h('th', { scope: 'col' }, t(key))))), body));
  return { element: h('div', {}, error, table, status, more), load, row };
}

/** Every item of a small list (categories, tags), following nextCursor for at most `pages` pages of 100. */
export async function fetchAll(scope, path, pages = 10) {
  const items = [];
  let cursor = null;
  for (let i = 0; i < pages; i += 1) {
    const params = new URLSearchParams({ limit: '100' });
    if (cursor) params.set('cursor', cursor);
    const page = await scope.api('GET', `${path}?${params}`);
    items.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return items;
}

/** Replaces the page's status message (a polite live region above the table) with text. */
export function announce(box, text, kind = 'ok') {
  box.replaceChildren(h('p', { class: `notice ${kind}`, role: 'status' }, text));
}

/** After a failed row action: the error under the buttons of its cell, and the button usable again. */
export function actionFailed(cell, button, error) {
  const box = cell.querySelector(':scope > .cell') || cell;
  box.querySelector(':scope > .error')?.remove();
  box.append(h('p', { class: 'error', role: 'alert' }, describe(error)));
  if (button) button.disabled = false;
}

/** A small button whose accessible name says what it acts on ("Delete", read as "Delete Tips for..."). */
export function rowButton(text, label, { kind = 'secondary', onclick } = {}) {
  return h('button', { type: 'button', class: `button small ${kind}`, 'aria-label': label, onclick }, text);
}
