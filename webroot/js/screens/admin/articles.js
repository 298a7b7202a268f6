import { api } from '../../api.js';
import { confirmDialog } from '../../dialog.js';
import { field, formatDate, h, select } from '../../dom.js';
import { handle, showErrors } from '../../forms.js';
import { lang, t } from '../../i18n.js';
import { actionFailed, adminPage, announce, fetchAll, pagedTable, rowButton } from './layout.js';

const FILTERS = ['q', 'status', 'category', 'tag'];

/**
 * Every article, drafts too (editors and admins): search, filter by status, category and tag, "load more";
 * open, edit in the article editor, publish or unpublish, delete after a confirmation.
 */
export default function articlesScreen({ query, navigate, scope }) {
  const news = h('div', { class: 'news', 'aria-live': 'polite' });
  const table = pagedTable({
    head: ['admin.articles.article', 'admin.articles.status', 'admin.articles.filed', 'admin.articles.updated', 'admin.actions'],
    stack: true,
    fetchPage: (cursor) => {
      const params = new URLSearchParams({ status: query.get('status') || 'all' });
      for (const key of ['q', 'category', 'tag']) if (query.get(key)) params.set(key, query.get(key));
      if (cursor) params.set('cursor', cursor);
      return scope.api('GET', `/api/articles?${params}`);
    },
    renderRow: (a) => row(a),
  });

  function row(a) {
    const path = `/api/articles/${encodeURIComponent(a.slug)}`;
    const published = a.status === 'published';
    const actions = h('td', { class: 'row-actions' });
    const toggle = rowButton(t(published ? 'blog.unpublish' : 'blog.publish'),
      t(published ? 'admin.articles.unpublishNamed' : 'admin.articles.publishNamed', { title: a.title }), {
        kind: published ? 'secondary' : '',
        onclick: async () => {
          toggle.disabled = true;
          try {
            const updated = await api('POST', `${path}/${published ? 'unpublish' : 'publish'}`);
            tr.replaceWith(table.row(updated));
            announce(news, t(published ? 'admin.articles.unpublished' : 'admin.articles.publishedNow', { title: a.title }));
          } catch (error) {
            actionFailed(actions, toggle, error);
          }
        },
      });
    const remove = rowButton(t('admin.delete'), t('admin.deleteNamed', { name: a.title }), {
      kind: 'danger',
      onclick: async () => {
        const done = await confirmDialog({
          scope,
          title: t('admin.articles.deleteTitle'), text: t('admin.articles.deleteText', { title: a.title }),
          confirmLabel: t('admin.delete'), action: () => api('DELETE', path),
        });
        if (done) {
          tr.remove();
          announce(news, t('admin.articles.deleted', { title: a.title }));
        }
      },
    });
    actions.append(h('a', { class: 'button small secondary', href: `/articles/${encodeURIComponent(a.slug)}/edit`,
      'aria-label': t('admin.editNamed', { name: a.title }) }, t('blog.edit')), toggle, remove);
    const tr = h('tr', { dataset: { article: a.slug } },
      h('td', {}, h('a', { href: `/articles/${encodeURIComponent(a.slug)}` }, h('strong', {}, a.title)),
        h('div', { class: 'meta' }, a.author.name)),
      h('td', {}, h('span', { class: `tag ${published ? 'ok' : 'warn'}` }, t(published ? 'blog.status.published' : 'blog.draft'))),
      h('td', {}, a.category ? h('div', {}, a.category.name) : h('div', { class: 'meta' }, t('blog.noCategory')),
        a.tags.length ? h('div', { class: 'meta' }, a.tags.map((tag) => tag.name).join(', ')) : null),
      h('td', {}, formatDate(a.updatedAt, lang()),
        published && a.publishedAt ? h('div', { class: 'meta' }, t('admin.articles.publishedAt', { at: formatDate(a.publishedAt, lang()) })) : null),
      actions);
    return tr;
  }

  const categories = select({ name: 'category', label: t('blog.category'), value: '', options: [['', t('blog.allCategories')]] });
  const tags = select({ name: 'tag', label: t('admin.articles.tag'), value: '', options: [['', t('admin.articles.allTags')]] });
  const choices = (box, items) => {
    const el = box.querySelector('select');
    items.forEach((item) => el.append(h('option', { value: item.slug }, item.name)));
    el.value = query.get(el.name) || '';
  };
  fetchAll(scope, '/api/categories').then((items) => choices(categories, items)).catch(() => {});
  fetchAll(scope, '/api/tags').then((items) => choices(tags, items)).catch(() => {});
  const filters = handle(h('form', { class: 'filters', role: 'search' },
    field({ name: 'q', label: t('admin.articles.search'), type: 'search', value: query.get('q') || '' }),
    select({ name: 'status', label: t('admin.articles.status'), value: query.get('status') || '',
      options: [['', t('admin.any')], ['draft', t('blog.draft')], ['published', t('blog.status.published')]] }),
    categories, tags,
    h('button', { type: 'submit', class: 'button' }, t('admin.filter'))),
  async (values) => {
    const params = new URLSearchParams(FILTERS.filter((k) => values[k]).map((k) => [k, values[k]]));
    const target = `/admin/articles${params.toString() ? `?${params}` : ''}`;
    if (target === location.pathname + location.search) await table.load(true);
    else await navigate(target);
  });
  table.load(true).catch((error) => showErrors(filters, error));
  return adminPage('admin.articles.title',
    h('p', {}, h('a', { class: 'button', href: '/articles/new' }, t('blog.write'))),
    filters, news, table.element);
}
