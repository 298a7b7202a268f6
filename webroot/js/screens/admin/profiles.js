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
 * titleKey, searchKey, newKey, editKey, head, cells(profile), fields(profile or null), body(values)}.
 */
export function profilesScreen(kind, { query, navigate }) {
  const news = h('div', { class: 'news', 'aria-live': 'polite' });
  const table = pagedTable({
    head: [...kind.head, 'admin.actions'],
    stack: true,
    fetchPage: (cursor) => {
      const params = new URLSearchParams();
      if (query.get('q')) params.set('q', query.get('q'));
      if (cursor) params.set('cursor', cursor);
      return api('GET', `${kind.api}?${params}`);
    },
    renderRow: (p) => row(p),
  });

  function row(p) {
    const name = p.name || p.email || p.id;
    const edit = rowButton(t('admin.edit'), t('admin.editNamed', { name }), {
      onclick: async () => {
        const updated = await openDialog({
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
      h('td', { class: 'row-actions' }, edit));
    return tr;
  }

  const create = h('button', { type: 'button', class: 'button' }, t(kind.newKey));
  create.addEventListener('click', async () => {
    const created = await openDialog({
      title: t(kind.newKey), submitLabel: t('admin.profiles.create'),
      content: [userPicker(kind.role), kind.fields(null)],
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
function userPicker(role) {
  const id = uid('find-user');
  const input = h('input', { id, type: 'search', 'aria-describedby': `${id}-hint` });
  const picked = select({ name: 'userId', label: t('admin.profiles.user'), options: [['', t('admin.profiles.pickUser')]] });
  const list = picked.querySelector('select');
  const status = h('p', { class: 'meta', 'aria-live': 'polite' });
  let latest = 0;
  const search = async () => {
    // Only the newest search may fill the list: an older answer arriving late would replace it, and drop
    // the user picked meanwhile.
    const mine = ++latest;
    try {
      const params = new URLSearchParams({ role, limit: '50' });
      if (input.value.trim()) params.set('q', input.value.trim());
      const page = await api('GET', `/api/admin/users?${params}`);
      if (mine !== latest) return;
      const chosen = list.value;
      replace(list, h('option', { value: '' }, t('admin.profiles.pickUser')),
        page.items.map((u) => h('option', { value: u.id }, u.name ? `${u.name} (${u.email})` : u.email)));
      if (page.items.some((u) => u.id === chosen)) list.value = chosen;
      status.textContent = page.items.length ? t('admin.profiles.found', { n: page.total })
        : t('admin.profiles.noneFound', { role: t(`role.${role}`) });
    } catch (error) {
      if (mine === latest) status.textContent = describe(error);
    }
  };
  // Enter in the search box searches, instead of submitting the whole form.
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') { event.preventDefault(); search(); }
  });
  search();
  return h('div', { class: 'user-picker' },
    h('div', { class: 'field' },
      h('label', { for: id }, t('admin.profiles.findUser')),
      h('div', { class: 'with-button' }, input,
        h('button', { type: 'button', class: 'button secondary', onclick: search }, t('admin.profiles.find'))),
      h('p', { class: 'hint', id: `${id}-hint` }, t('admin.profiles.findHint', { role: t(`role.${role}`) }))),
    picked, status);
}
