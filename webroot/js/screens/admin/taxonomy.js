import { api } from '../../api.js';
import { confirmDialog, openDialog } from '../../dialog.js';
import { field, h, select } from '../../dom.js';
import { describe, handle } from '../../forms.js';
import { t } from '../../i18n.js';
import { adminPage, announce, fetchAll, pagedTable, rowButton } from './layout.js';

/** Categories and tags: create, rename (the slug stays), delete; the API's errors appear next to the fields. */
export default function taxonomyScreen({ scope }) {
  return adminPage('admin.taxonomy.title', categoriesSection(scope), tagsSection(scope));
}

const nullIfBlank = (text) => (text && text.trim() ? text.trim() : null);

function categoriesSection(scope) {
  const news = h('div', { class: 'news', 'aria-live': 'polite' });
  const path = (slug) => `/api/categories/${encodeURIComponent(slug)}`;
  const table = pagedTable({
    head: ['admin.taxonomy.name', 'admin.taxonomy.description', 'admin.taxonomy.articles', 'admin.actions'],
    stack: true,
    fetchPage: (cursor) => scope.api('GET', `/api/categories?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`),
    renderRow: (c) => row(c),
  });

  function row(c) {
    const edit = rowButton(t('admin.edit'), t('admin.editNamed', { name: c.name }), {
      onclick: async () => {
        const updated = await openDialog({
          scope,
          title: t('admin.taxonomy.editCategory'), submitLabel: t('common.save'),
          content: [
            h('p', { class: 'meta' }, t('admin.taxonomy.slugStays', { slug: c.slug })),
            field({ name: 'name', label: t('admin.taxonomy.name'), value: c.name, required: true }),
            field({ name: 'description', label: t('admin.taxonomy.description'), type: 'textarea', value: c.description || '' })],
          onSubmit: (values) => api('PATCH', path(c.slug), { name: values.name, description: nullIfBlank(values.description) }),
        });
        if (updated) {
          tr.replaceWith(table.row(updated));
          announce(news, t('admin.taxonomy.saved', { name: updated.name }));
        }
      },
    });
    const remove = rowButton(t('admin.delete'), t('admin.deleteNamed', { name: c.name }), {
      kind: 'danger',
      onclick: async () => {
        const others = (await fetchAll(scope, '/api/categories').catch(() => [])).filter((o) => o.slug !== c.slug);
        const done = await confirmDialog({
          scope,
          title: t('admin.taxonomy.deleteCategory'), text: t('admin.taxonomy.deleteCategoryText', { name: c.name }),
          confirmLabel: t('admin.delete'),
          content: select({ name: 'moveTo', label: t('admin.taxonomy.moveTo'), value: '',
            options: [['', t('admin.taxonomy.moveNowhere')], ...others.map((o) => [o.slug, o.name])] }),
          action: async ({ moveTo }) => {
            try {
              await api('DELETE', `${path(c.slug)}${moveTo ? `?moveTo=${encodeURIComponent(moveTo)}` : ''}`);
            } catch (error) {
              // "Still has articles" names no field: it is about where they should go, so it goes there.
              if (error.status === 409 && !error.fieldErrors.length) error.problem.errors = [{ field: 'moveTo', message: t('admin.taxonomy.inUse') }];
              throw error;
            }
          },
        });
        if (done) {
          tr.remove();
          announce(news, t('admin.taxonomy.deleted', { name: c.name }));
        }
      },
    });
    const tr = h('tr', { dataset: { category: c.slug } },
      h('td', {}, h('strong', {}, c.name), h('div', { class: 'meta mono' }, c.slug)),
      h('td', {}, c.description || ''),
      h('td', {}, h('a', { href: `/admin/articles?category=${encodeURIComponent(c.slug)}` }, String(c.articleCount ?? 0))),
      h('td', { class: 'row-actions' }, edit, remove));
    return tr;
  }

  const create = handle(h('form', { class: 'card', 'aria-labelledby': 'new-category-title' },
    h('h3', { id: 'new-category-title' }, t('admin.taxonomy.newCategory')),
    h('div', { class: 'grid2' },
      field({ name: 'name', label: t('admin.taxonomy.name'), required: true }),
      field({ name: 'slug', label: t('admin.taxonomy.slugOptional'), hint: t('admin.taxonomy.slugHint') })),
    field({ name: 'description', label: t('admin.taxonomy.description'), type: 'textarea', attrs: { rows: 2 } }),
    h('button', { type: 'submit', class: 'button' }, t('admin.taxonomy.createCategory'))),
  async (values, form) => {
    news.replaceChildren();
    const body = { name: values.name, description: nullIfBlank(values.description) };
    if (values.slug.trim()) body.slug = values.slug.trim();
    const created = await api('POST', '/api/categories', body);
    form.reset();
    await table.load(true);
    announce(news, t('admin.taxonomy.created', { name: created.name }));
  });
  table.load(true).catch((error) => announce(news, describe(error), 'bad'));
  return h('section', { class: 'taxonomy', 'aria-labelledby': 'categories-title' },
    h('h2', { id: 'categories-title' }, t('admin.taxonomy.categories')), create, news, table.element);
}

function tagsSection(scope) {
  const news = h('div', { class: 'news', 'aria-live': 'polite' });
  const path = (slug) => `/api/tags/${encodeURIComponent(slug)}`;
  const table = pagedTable({
    head: ['admin.taxonomy.name', 'admin.taxonomy.articles', 'admin.actions'],
    stack: true,
    fetchPage: (cursor) => scope.api('GET', `/api/tags?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`),
    renderRow: (tag) => row(tag),
  });
  // The API derives a tag's slug from its name, so a slug conflict is the name's to show.
  const nameField = (value = '') => {
    const box = field({ name: 'name', label: t('admin.taxonomy.name'), value, required: true });
    box.dataset.also = 'slug';
    return box;
  };

  function row(tag) {
    const rename = rowButton(t('admin.taxonomy.rename'), t('admin.taxonomy.renameNamed', { name: tag.name }), {
      onclick: async () => {
        const updated = await openDialog({
          scope,
          title: t('admin.taxonomy.renameTag'), submitLabel: t('common.save'),
          content: [h('p', { class: 'meta' }, t('admin.taxonomy.slugStays', { slug: tag.slug })), nameField(tag.name)],
          onSubmit: (values) => api('PATCH', path(tag.slug), { name: values.name }),
        });
        if (updated) {
          tr.replaceWith(table.row(updated));
          announce(news, t('admin.taxonomy.saved', { name: updated.name }));
        }
      },
    });
    const remove = rowButton(t('admin.delete'), t('admin.deleteNamed', { name: tag.name }), {
      kind: 'danger',
      onclick: async () => {
        const done = await confirmDialog({
          scope,
          title: t('admin.taxonomy.deleteTag'), text: t('admin.taxonomy.deleteTagText', { name: tag.name }),
          confirmLabel: t('admin.delete'), action: () => api('DELETE', path(tag.slug)),
        });
        if (done) {
          tr.remove();
          announce(news, t('admin.taxonomy.deleted', { name: tag.name }));
        }
      },
    });
    const tr = h('tr', { dataset: { tag: tag.slug } },
      h('td', {}, h('strong', {}, tag.name), h('div', { class: 'meta mono' }, tag.slug)),
      h('td', {}, h('a', { href: `/admin/articles?tag=${encodeURIComponent(tag.slug)}` }, String(tag.articleCount ?? 0))),
      h('td', { class: 'row-actions' }, rename, remove));
    return tr;
  }

  const create = handle(h('form', { class: 'card inline-form', 'aria-labelledby': 'new-tag-title' },
    h('h3', { id: 'new-tag-title' }, t('admin.taxonomy.newTag')),
    nameField(),
    h('button', { type: 'submit', class: 'button' }, t('admin.taxonomy.createTag'))),
  async (values, form) => {
    news.replaceChildren();
    const created = await api('POST', '/api/tags', { name: values.name });
    form.reset();
    await table.load(true);
    announce(news, t('admin.taxonomy.created', { name: created.name }));
  });
  table.load(true).catch((error) => announce(news, describe(error), 'bad'));
  return h('section', { class: 'taxonomy', 'aria-labelledby': 'tags-title' },
    h('h2', { id: 'tags-title' }, t('admin.taxonomy.tags')), create, news, table.element);
}
