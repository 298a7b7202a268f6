// The admin lists of medical profiles (patients, doctors): one screen shape, told apart by a `kind`.
import { api } from '../../api.js';
import { openDialog } from '../../dialog.js';
import { field, h, replace, select, uid } from '../../dom.js';
import { describe, handle, showErrors } from '../../forms.js';
import { t } from '../../i18n.js';
import { adminPage, announce, pagedTable, rowButton } from './layout.js';

export const nullIfBlank = (text) => (text && text.trim() ? text.trim() : null);

/**
 * Search the profiles, create one for a user who holds the kind's role, edit one. kind: {api, role, screen,
 * titleKey, searchKey, newKey, editKey, head, cells(profile), fields(profile or null), body(values), and
 * optionally actions(profile, name): more of the row's actions}.
 */
export function profilesScreen(kind, { query, navigate, scope }) {
  const news = h('div', { class: 'news', 'aria-live': 'polite' });
  const table = pagedTable({
    head: [...kind.head, 'admin.actions'],
    stack: true,
    fetchPage: (cursor) => {
      const params = new URLSearchParams();
      if (query.get('q')) params.set('q', query.get('q'));
      if (cursor) params.set('cursor', cursor);
      return scope.api('GET', `${kind.api}?${params}`);
    },
    renderRow: (p) => row(p),
  });

  function row(p) {
    const name = p.name || p.email || p.id;
    const edit = rowButton(t('admin.edit'), t('admin.editNamed', { name }), {
      onclick: async () => {
        const updated = await openDialog({
          scope,
          title: t(kind.editKey, { name }), submitLabel: t('common.save'), content: kind.fields(p),
          onSubmit: (values) => api('PATCH', `${kind.api}/${encodeURIComponent(p.id)}`, kind.body(values)),
        });
        if (updated) {
          tr.replaceWith(table.row({ ...p, ...updated }));
          announce(news, t('admin.profiles.saved', { name }));
        }
      },
    });
    const tr = h('tr', { dataset: { profile: p.id } },
      h('td', {}, p.userId ? h('a', { href: `/admin/users/${encodeURIComponent(p.userId)}` }, name) : name,
        p.name && p.email ? h('div', { class: 'meta' }, p.email) : null),
      kind.cells(p),
      h('td', { class: 'row-actions' }, edit, kind.actions ? kind.actions(p, name) : null));
    return tr;
  }

  const create = h('button', { type: 'button', class: 'button' }, t(kind.newKey));
  create.addEventListener('click', async () => {
    const created = await openDialog({
      scope,
      title: t(kind.newKey), submitLabel: t('admin.profiles.create'),
      content: [userPicker(scope, kind.role), kind.fields(null)],
      onSubmit: (values) => api('POST', kind.api, { userId: values.userId, ...kind.body(values) }),
    });
    if (created) {
      await table.load(true);
      announce(news, t('admin.profiles.created', { name: created.name || created.email || created.id }));
    }
  });
  const filters = handle(h('form', { class: 'filters', role: 'search' },
    field({ name: 'q', label: t(kind.searchKey), type: 'search', value: query.get('q') || '' }),
    h('button', { type: 'submit', class: 'button' }, t('admin.filter'))),
  async ({ q }) => {
    const target = `${kind.screen}${q ? `?q=${encodeURIComponent(q)}` : ''}`;
    if (target === location.pathname + location.search) await table.load(true);
    else await navigate(target);
  });
  table.load(true).catch((error) => showErrors(filters, error));
  return adminPage(kind.titleKey, h('p', {}, create), filters, news, table.element);
}

/**
 * Choosing the user a new profile belongs to: a search over the users who hold the role (the API accepts no
 * one else), and a list to pick from. Its errors (no user, one who already has a profile) show at the list.
 */
function userPicker(scope, role) {
  return searchPicker({
    name: 'userId',
    label: t('admin.profiles.user'),
    findLabel: t('admin.profiles.findUser'),
    hint: t('admin.profiles.findHint', { role: t(`role.${role}`) }),
    pickLabel: t('admin.profiles.pickUser'),
    found: (n) => t('admin.profiles.found', { n }),
    noneFound: t('admin.profiles.noneFound', { role: t(`role.${role}`) }),
    search: async (q) => {
      const params = new URLSearchParams({ role, limit: '50' });
      if (q) params.set('q', q);
      const page = await scope.api('GET', `/api/admin/users?${params}`);
      return { total: page.total, items: page.items.map((u) => [u.id, u.name ? `${u.name} (${u.email})` : u.email]) };
    },
  });
}

/**
 * A search box with a Find button, and a list (a select named `name`) of what the search found.
 * search(q) -> {total, items: [[value, text]]}; found(n) and noneFound say how it went.
 */
export function searchPicker({ name, label, findLabel, hint, pickLabel, found, noneFound, search }) {
  const id = uid(`find-${name}`);
  const input = h('input', { id, type: 'search', 'aria-describedby': `${id}-hint` });
  const picked = select({ name, label, options: [['', pickLabel]] });
  const list = picked.querySelector('select');
  const status = h('p', { class: 'meta', 'aria-live': 'polite' });
  let latest = 0;
  const run = async () => {
    // Only the newest search may fill the list: an older answer arriving late would replace it, and drop
    // the one picked meanwhile.
    const mine = ++latest;
    try {
      const page = await search(input.value.trim());
      if (mine !== latest) return;
      const chosen = list.value;
      replace(list, h('option', { value: '' }, pickLabel), page.items.map(([value, text]) => h('option', { value }, text)));
      if (page.items.some(([value]) => value === chosen)) list.value = chosen;
      status.textContent = page.items.length ? found(page.total) : noneFound;
    } catch (error) {
      if (mine === latest) status.textContent = describe(error);
    }
  };
  // Enter in the search box searches, instead of submitting the whole form.
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') { event.preventDefault(); run(); }
  });
  run();
  return h('div', { class: 'user-picker' },
    h('div', { class: 'field' },
      h('label', { for: id }, findLabel),
      h('div', { class: 'with-button' }, input,
        h('button', { type: 'button', class: 'button secondary', onclick: run }, t('admin.profiles.find'))),
      h('p', { class: 'hint', id: `${id}-hint` }, hint)),
    picked, status);
}
