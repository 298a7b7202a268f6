import { formatDate, h, replace } from '../../dom.js';
import { describe } from '../../forms.js';
import { lang, t } from '../../i18n.js';

/** The blog: published articles with search, category and tag filters, and "load more" over the cursor. */
export default function articleListScreen({ user, query, navigate, scope }) {
  const writes = !!user && (user.roles.includes('editor') || user.roles.includes('admin'));
  const list = h('ul', { class: 'records articles' });
  const status = h('div', { 'aria-live': 'polite' });
  const more = h('button', { type: 'button', class: 'button secondary', hidden: true }, t('common.loadMore'));
  const q = h('input', { type: 'search', name: 'q', id: 'articles-q', value: query.get('q') || '' });
  const category = h('select', { name: 'category', id: 'articles-category' }, h('option', { value: '' }, t('blog.allCategories')));
  const tag = query.get('tag') || '';
  let cursor = null;

  scope.api('GET', '/api/categories').then(({ items }) => {
    items.forEach((c) => category.append(h('option', { value: c.slug }, c.name)));
    category.value = query.get('category') || '';
  }).catch(() => {});

  const load = async (reset) => {
    if (reset) { cursor = null; list.replaceChildren(); }
    more.disabled = true;
    try {
      const params = new URLSearchParams({ limit: '10' });
      if (q.value.trim()) params.set('q', q.value.trim());
      if (category.value) params.set('category', category.value);
      if (tag) params.set('tag', tag);
      if (cursor) params.set('cursor', cursor);
      const page = await scope.api('GET', `/api/articles?${params}`);
      page.items.forEach((a) => list.append(item(a)));
      cursor = page.nextCursor;
      more.hidden = !cursor;
      replace(status, h('p', { class: 'meta' }, page.total === 0 ? t('blog.none') : t('blog.count', { n: page.total }),
        tag ? [' · ', t('blog.taggedWith', { tag }), ' ', h('a', { href: '/articles' }, t('blog.clearTag'))] : null));
    } catch (error) {
      replace(status, h('p', { class: 'notice bad', role: 'alert' }, describe(error)));
    } finally {
      more.disabled = false;
    }
  };
  more.addEventListener('click', () => load(false));
  const form = h('form', { class: 'search', role: 'search' },
    h('label', { for: 'articles-q' }, t('blog.search')), q,
    h('label', { for: 'articles-category' }, t('blog.category')), category,
    h('button', { type: 'submit', class: 'button' }, t('blog.searchButton')));
  form.addEventListener('submit', (event) => { event.preventDefault(); load(true); });
  category.addEventListener('change', () => load(true));
  load(true);
  return h('section', {},
    h('h1', {}, t('blog.title')),
    writes ? h('p', {}, h('a', { class: 'button', href: '/articles/new' }, t('blog.write'))) : null,
    form, status, list, more);

  function item(a) {
    return h('li', { class: 'card record', dataset: { article: a.slug } },
      h('a', { href: `/articles/${encodeURIComponent(a.slug)}` }, h('strong', {}, a.title)),
      a.summary ? h('p', {}, a.summary) : null,
      h('p', { class: 'meta' }, a.author.name, ' · ', formatDate(a.publishedAt || a.createdAt, lang()),
        a.status === 'draft' ? [' · ', h('span', { class: 'tag' }, t('blog.draft'))] : null,
        ' · ', t('blog.likes', { n: a.likes })),
      a.tags.length ? h('p', { class: 'tags' }, a.tags.map((tg) => h('a', {
        class: 'tag', href: `/articles?tag=${encodeURIComponent(tg.slug)}`,
        onclick: (e) => { e.preventDefault(); navigate(`/articles?tag=${encodeURIComponent(tg.slug)}`); },
      }, tg.name))) : null);
  }
}
