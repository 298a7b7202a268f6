import { api } from '../../api.js';
import { confirmDialog } from '../../dialog.js';
import { field, formatDate, h, select } from '../../dom.js';
import { handle, showErrors } from '../../forms.js';
import { lang, t } from '../../i18n.js';
import { actionFailed, adminPage, announce, pagedTable, rowButton } from './layout.js';

/** Every comment on every article, newest first, hidden ones too: search, filter by status, hide or show, delete. */
export default function commentsScreen({ query, navigate, scope }) {
  const news = h('div', { class: 'news', 'aria-live': 'polite' });
  const table = pagedTable({
    head: ['admin.comments.comment', 'admin.comments.article', 'admin.comments.status', 'admin.actions'],
    stack: true,
    fetchPage: (cursor) => {
      const params = new URLSearchParams();
      for (const key of ['q', 'status']) if (query.get(key)) params.set(key, query.get(key));
      if (cursor) params.set('cursor', cursor);
      return scope.api('GET', `/api/comments?${params}`);
    },
    renderRow: (c) => row(c),
  });

  function row(c) {
    const hidden = c.status === 'hidden';
    const who = c.author.name;
    const actions = h('td', { class: 'row-actions' });
    const toggle = rowButton(t(hidden ? 'admin.comments.show' : 'admin.comments.hide'),
      t(hidden ? 'admin.comments.showNamed' : 'admin.comments.hideNamed', { name: who }), {
        onclick: async () => {
          toggle.disabled = true;
          try {
            const updated = await api('PATCH', `/api/comments/${encodeURIComponent(c.id)}`, { status: hidden ? 'visible' : 'hidden' });
            tr.replaceWith(table.row({ ...c, ...updated }));
            announce(news, t(hidden ? 'admin.comments.shown' : 'admin.comments.hidden', { name: who }));
          } catch (error) {
            actionFailed(actions, toggle, error);
          }
        },
      });
    const remove = rowButton(t('admin.delete'), t('admin.comments.deleteNamed', { name: who }), {
      kind: 'danger',
      onclick: async () => {
        const done = await confirmDialog({
          scope,
          title: t('admin.comments.deleteTitle'), text: t('admin.comments.deleteText', { name: who, body: excerpt(c.body) }),
          confirmLabel: t('admin.delete'), action: () => api('DELETE', `/api/comments/${encodeURIComponent(c.id)}`),
        });
        if (done) {
          tr.remove();
          announce(news, t('admin.comments.deleted', { name: who }));
        }
      },
    });
    actions.append(toggle, remove);
    const tr = h('tr', { dataset: { comment: c.id } },
      h('td', { class: 'comment-text' }, h('p', {}, c.body), h('div', { class: 'meta' }, who, ' · ', formatDate(c.createdAt, lang()))),
      h('td', {}, h('a', { href: `/articles/${encodeURIComponent(c.articleSlug)}#comment-${encodeURIComponent(c.id)}` }, c.articleTitle || c.articleSlug)),
      h('td', {}, h('span', { class: `tag ${hidden ? 'warn' : 'ok'}` }, t(hidden ? 'admin.comments.statusHidden' : 'admin.comments.statusVisible'))),
      actions);
    return tr;
  }

  const filters = handle(h('form', { class: 'filters', role: 'search' },
    field({ name: 'q', label: t('admin.comments.search'), type: 'search', value: query.get('q') || '' }),
    select({ name: 'status', label: t('admin.comments.status'), value: query.get('status') || '',
      options: [['', t('admin.any')], ['visible', t('admin.comments.statusVisible')], ['hidden', t('admin.comments.statusHidden')]] }),
    h('button', { type: 'submit', class: 'button' }, t('admin.filter'))),
  async (values) => {
    const params = new URLSearchParams(['q', 'status'].filter((k) => values[k]).map((k) => [k, values[k]]));
    const target = `/admin/comments${params.toString() ? `?${params}` : ''}`;
    if (target === location.pathname + location.search) await table.load(true);
    else await navigate(target);
  });
  table.load(true).catch((error) => showErrors(filters, error));
  return adminPage('admin.comments.title', filters, news, table.element);
}

const excerpt = (text) => (text.length > 80 ? `${text.slice(0, 77)}…` : text);
