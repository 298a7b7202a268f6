import { api } from '../../api.js';
import { formatDate, h, replace } from '../../dom.js';
import { confirmDialog } from '../../dialog.js';
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
export default async function articleScreen({ params, user, scope }) {
  let article;
  try {
    article = await scope.api('GET', `/api/articles/${encodeURIComponent(params.slug)}`);
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
    comments(scope, article, user));
}

function comments(scope, article, user) {
  const list = h('ol', { class: 'comments' });
  const more = h('button', { type: 'button', class: 'button secondary', hidden: true }, t('common.loadMore'));
  // Who wrote each comment shown so far, for "in reply to ..." and the reply line.
  const names = new Map();
  let cursor = null;
  let replyTo = null;
  const replying = h('p', { class: 'meta replying', hidden: true });
  const setReply = (c) => {
    replyTo = c;
    replying.hidden = !c;
    if (!c) {
      replace(replying);
      return;
    }
    const cancel = h('button', { type: 'button', class: 'button small secondary' }, t('blog.cancelReply'));
    cancel.addEventListener('click', () => {
      setReply(null);
      document.getElementById('comment-body')?.focus();
    });
    replace(replying, t('blog.replyingTo', { name: c.author.name }), ' ', cancel);
    document.getElementById('comment-body')?.focus();
  };
  const show = (c) => {
    names.set(c.id, c.author.name);
    list.append(comment(scope, c, article, user, names, user ? setReply : null));
  };
  const load = async () => {
    const params = new URLSearchParams({ limit: '20' });
    if (cursor) params.set('cursor', cursor);
    const page = await scope.api('GET', `/api/articles/${encodeURIComponent(article.slug)}/comments?${params}`);
    page.items.forEach(show);
    cursor = page.nextCursor;
    more.hidden = !cursor;
  };
  more.addEventListener('click', () => load().catch(() => {}));
  load().catch((error) => list.after(h('p', { class: 'notice bad', role: 'alert' }, describe(error))));
  const form = user ? handle(h('form', { class: 'card' },
    replying,
    h('div', { class: 'field', dataset: { field: 'body' } },
      h('label', { for: 'comment-body' }, t('blog.yourComment')),
      h('textarea', { id: 'comment-body', name: 'body', required: true, rows: 4, 'aria-describedby': 'comment-body-error' }),
      h('p', { class: 'error', id: 'comment-body-error', role: 'alert' })),
    h('button', { type: 'submit', class: 'button' }, t('blog.postComment'))),
  async ({ body }, formEl) => {
    const created = await api('POST', `/api/articles/${encodeURIComponent(article.slug)}/comments`,
      replyTo ? { body, parentId: replyTo.id } : { body });
    show(created);
    formEl.reset();
    setReply(null);
  }) : h('p', {}, h('a', { href: `/login?next=${encodeURIComponent(`/articles/${article.slug}`)}` }, t('blog.signInToComment')));
  return h('section', { class: 'comments-section', 'aria-labelledby': 'comments-title' },
    h('h2', { id: 'comments-title' }, t('blog.comments')), list, more, form);
}

/** One comment; moderators (the article's author, editors, admins) may hide, show or delete it, its author delete it. */
function comment(scope, c, article, user, names, onReply) {
  const hidden = c.status === 'hidden';
  const moderates = !!user && (user.id === article.author.id || user.roles.includes('editor') || user.roles.includes('admin'));
  const mine = !!user && user.id === c.author.id;
  const actions = h('div', { class: 'comment-actions' });
  const item = h('li', { class: `comment${hidden ? ' is-hidden' : ''}`, id: `comment-${c.id}` },
    h('p', { class: 'meta' }, c.author.name, ' · ', formatDate(c.createdAt, lang()),
      c.parentId ? [' · ', h('a', { href: `#comment-${c.parentId}` }, names.has(c.parentId)
        ? t('blog.inReplyTo', { name: names.get(c.parentId) }) : t('blog.inReplyToComment'))] : null,
      hidden ? [' · ', h('span', { class: 'tag warn' }, t('blog.hidden'))] : null),
    h('p', {}, c.body),
    moderates || mine || onReply ? actions : null);
  const failed = (button, error) => {
    actions.querySelector('.error')?.remove();
    actions.append(h('p', { class: 'error', role: 'alert' }, describe(error)));
    button.disabled = false;
  };
  if (onReply && !hidden) {
    const reply = h('button', { type: 'button', class: 'button small secondary',
      'aria-label': t('blog.replyTo', { name: c.author.name }) }, t('blog.reply'));
    reply.addEventListener('click', () => onReply(c));
    actions.append(reply);
  }
  if (moderates) {
    const toggle = h('button', { type: 'button', class: 'button small secondary',
      'aria-label': t(hidden ? 'admin.comments.showNamed' : 'admin.comments.hideNamed', { name: c.author.name }) },
    t(hidden ? 'admin.comments.show' : 'admin.comments.hide'));
    toggle.addEventListener('click', async () => {
      toggle.disabled = true;
      try {
        const updated = await api('PATCH', `/api/comments/${encodeURIComponent(c.id)}`, { status: hidden ? 'visible' : 'hidden' });
        const next = comment(scope, { ...c, ...updated }, article, user, names, onReply);
        item.replaceWith(next);
        next.querySelector('.comment-actions button')?.focus();
      } catch (error) {
        failed(toggle, error);
      }
    });
    actions.append(toggle);
  }
  if (moderates || mine) {
    const remove = h('button', { type: 'button', class: 'button small danger',
      'aria-label': t('admin.comments.deleteNamed', { name: c.author.name }) }, t('admin.delete'));
    remove.addEventListener('click', async () => {
      const done = await confirmDialog({
        scope,
        title: t('admin.comments.deleteTitle'), text: t('admin.comments.deleteText', { name: c.author.name, body: excerpt(c.body) }),
        confirmLabel: t('admin.delete'), action: () => api('DELETE', `/api/comments/${encodeURIComponent(c.id)}`),
      });
      if (done) {
        const heading = document.getElementById('comments-title');
        item.remove();
        heading.tabIndex = -1;
        heading.focus();
      }
    });
    actions.append(remove);
  }
  return item;
}

const excerpt = (text) => (text.length > 80 ? `${text.slice(0, 77)}…` : text);
