import { api } from '../../api.js';
import { formatDate, h, replace } from '../../dom.js';
import { describe, handle } from '../../forms.js';
import { lang, t } from '../../i18n.js';

/**
 * The article's HTML as the server made it: rendered from Markdown, then sanitized against an allow-list.
 * DOMParser builds it in an inert document (its scripts never run), and the CSP forbids inline script anyway.
 */
export function sanitizedHtml(html) {
  const doc = new DOMParser().parseFromString(html || '', 'text/html');
  const box = h('div', { class: 'article-body' });
  box.append(...[...doc.body.childNodes].map((node) => document.importNode(node, true)));
  return box;
}

/** One article with its comments (oldest first, "load more"), a like button, and a comment form. */
export default async function articleScreen({ params, user }) {
  let article;
  try {
    article = await api('GET', `/api/articles/${encodeURIComponent(params.slug)}`);
  } catch (error) {
    return h('section', {}, h('h1', {}, t('blog.title')),
      h('p', { class: 'notice bad', role: 'alert' }, error.status === 404 ? t('notFound.text') : describe(error)),
      h('p', {}, h('a', { href: '/articles' }, t('blog.back'))));
  }
  const canEdit = !!user && (user.id === article.author.id || user.roles.includes('editor') || user.roles.includes('admin'));
  const likes = h('span', {}, t('blog.likes', { n: article.likes }));
  const like = user ? h('button', { type: 'button', class: 'button small secondary', 'aria-pressed': 'false' }, t('blog.like')) : null;
  if (like) {
    like.addEventListener('click', async () => {
      const liked = like.getAttribute('aria-pressed') === 'true';
      like.disabled = true;
      try {
        const result = await api(liked ? 'DELETE' : 'PUT', `/api/articles/${encodeURIComponent(article.slug)}/like`);
        like.setAttribute('aria-pressed', String(!liked));
        like.textContent = t(liked ? 'blog.like' : 'blog.unlike');
        replace(likes, t('blog.likes', { n: result && typeof result.likes === 'number' ? result.likes : article.likes }));
      } catch (error) {
        like.after(h('span', { class: 'notice bad', role: 'alert' }, describe(error)));
      } finally {
        like.disabled = false;
      }
    });
  }
  return h('article', { class: 'article' },
    h('h1', {}, article.title),
    h('p', { class: 'meta' }, article.author.name, ' · ', formatDate(article.publishedAt || article.createdAt, lang()),
      article.category ? [' · ', article.category.name] : null, ' · ', likes, ' ', like,
      canEdit ? [' ', h('a', { class: 'button small secondary', href: `/articles/${encodeURIComponent(article.slug)}/edit` }, t('blog.edit'))] : null),
    article.tags.length ? h('p', { class: 'tags' }, article.tags.map((tg) => h('a', { class: 'tag', href: `/articles?tag=${encodeURIComponent(tg.slug)}` }, tg.name))) : null,
    sanitizedHtml(article.html),
    comments(article, user));
}

function comments(article, user) {
  const list = h('ol', { class: 'comments' });
  const more = h('button', { type: 'button', class: 'button secondary', hidden: true }, t('common.loadMore'));
  let cursor = null;
  const load = async () => {
    const params = new URLSearchParams({ limit: '20' });
    if (cursor) params.set('cursor', cursor);
    const page = await api('GET', `/api/articles/${encodeURIComponent(article.slug)}/comments?${params}`);
    page.items.forEach((c) => list.append(comment(c)));
    cursor = page.nextCursor;
    more.hidden = !cursor;
  };
  more.addEventListener('click', () => load().catch(() => {}));
  load().catch((error) => list.after(h('p', { class: 'notice bad', role: 'alert' }, describe(error))));
  const form = user ? handle(h('form', { class: 'card' },
    h('div', { class: 'field', dataset: { field: 'body' } },
      h('label', { for: 'comment-body' }, t('blog.yourComment')),
      h('textarea', { id: 'comment-body', name: 'body', required: true, rows: 4, 'aria-describedby': 'comment-body-error' }),
      h('p', { class: 'error', id: 'comment-body-error', role: 'alert' })),
    h('button', { type: 'submit', class: 'button' }, t('blog.postComment'))),
  async ({ body }, formEl) => {
    const created = await api('POST', `/api/articles/${encodeURIComponent(article.slug)}/comments`, { body });
    list.append(comment(created));
    formEl.reset();
  }) : h('p', {}, h('a', { href: `/login?next=${encodeURIComponent(`/articles/${article.slug}`)}` }, t('blog.signInToComment')));
  return h('section', { class: 'comments-section', 'aria-labelledby': 'comments-title' },
    h('h2', { id: 'comments-title' }, t('blog.comments')), list, more, form);
}

function comment(c) {
  return h('li', { class: 'comment', id: `comment-${c.id}` },
    h('p', { class: 'meta' }, c.author.name, ' · ', formatDate(c.createdAt, lang()), c.status === 'hidden' ? ` · ${t('blog.hidden')}` : ''),
    h('p', {}, c.body));
}
