-- Articles. The list query is assembled from the fragments below, chosen by code from fixed names
-- (never from request text): list.select or list.count, then one status.* fragment, any filter.* ones,
-- then, for a page after the first, the page.* keyset condition of the sort, and its order.* clause.
-- Every value is a ? parameter. Tags travel as "slug<US>name" pairs joined by <RS> (control characters,
-- which names may not contain).

-- name: list.select
SELECT a.id, a.slug, a.title, a.summary, a.status, a.author_id, u.name AS author_name,
  c.slug AS category_slug, c.name AS category_name, a.published_at, a.listed_at, a.title_sort,
  a.like_count, a.created_at, a.updated_at,
  (SELECT group_concat(g.slug || char(31) || g.name, char(30)) FROM article_tags t JOIN tags g ON g.id = t.tag_id
   WHERE t.article_id = a.id) AS tag_list
FROM articles a JOIN users u ON u.id = a.author_id LEFT JOIN categories c ON c.id = a.category_id
WHERE a.deleted_at IS NULL

-- name: list.count
SELECT COUNT(*) FROM articles a WHERE a.deleted_at IS NULL

-- name: status.published
AND a.status = 'published'

-- name: status.draft
AND a.status = 'draft'

-- name: status.draftOwn
AND a.status = 'draft' AND a.author_id = ?

-- name: status.publishedOrOwn
AND (a.status = 'published' OR a.author_id = ?)

-- name: status.any
AND a.status IN ('published', 'draft')

-- name: filter.category
AND a.category_id = (SELECT k.id FROM categories k WHERE k.slug = ?)

-- name: filter.tag
AND a.id IN (SELECT t.article_id FROM article_tags t WHERE t.tag_id = (SELECT g.id FROM tags g WHERE g.slug = ?))

-- name: filter.author
AND a.author_id = ?

-- name: filter.from
AND a.listed_at >= ?

-- name: filter.to
AND a.listed_at < ?

-- name: filter.q
AND a.rowid IN (SELECT f.rowid FROM articles_fts f WHERE articles_fts MATCH ?)

-- name: page.published.desc
AND (a.listed_at < ? OR (a.listed_at = ? AND a.id < ?))
-- name: order.published.desc
ORDER BY a.listed_at DESC, a.id DESC LIMIT ?

-- name: page.published.asc
AND (a.listed_at > ? OR (a.listed_at = ? AND a.id > ?))
-- name: order.published.asc
ORDER BY a.listed_at ASC, a.id ASC LIMIT ?

-- name: page.title.desc
AND (a.title_sort < ? OR (a.title_sort = ? AND a.id < ?))
-- name: order.title.desc
ORDER BY a.title_sort DESC, a.id DESC LIMIT ?

-- name: page.title.asc
AND (a.title_sort > ? OR (a.title_sort = ? AND a.id > ?))
-- name: order.title.asc
ORDER BY a.title_sort ASC, a.id ASC LIMIT ?

-- name: page.likes.desc
AND (a.like_count < ? OR (a.like_count = ? AND a.id < ?))
-- name: order.likes.desc
ORDER BY a.like_count DESC, a.id DESC LIMIT ?

-- name: page.likes.asc
AND (a.like_count > ? OR (a.like_count = ? AND a.id > ?))
-- name: order.likes.asc
ORDER BY a.like_count ASC, a.id ASC LIMIT ?

-- One article with everything its page shows; soft-deleted ones are gone.
-- name: findBySlug
SELECT a.id, a.slug, a.title, a.summary, a.body, a.html, a.status, a.author_id, a.category_id, u.name AS author_name,
  c.slug AS category_slug, c.name AS category_name, a.published_at, a.listed_at, a.title_sort,
  a.like_count, a.created_at, a.updated_at,
  (SELECT group_concat(g.slug || char(31) || g.name, char(30)) FROM article_tags t JOIN tags g ON g.id = t.tag_id
   WHERE t.article_id = a.id) AS tag_list,
  (SELECT COUNT(*) FROM comments m WHERE m.article_id = a.id AND m.status = 'visible') AS comment_count
FROM articles a JOIN users u ON u.id = a.author_id LEFT JOIN categories c ON c.id = a.category_id
WHERE a.slug = ? AND a.deleted_at IS NULL

-- Slugs already taken by this base: "base" and "base-N" (soft-deleted articles keep theirs).
-- name: slugsLike
SELECT slug FROM articles WHERE slug = ? OR slug LIKE ? ESCAPE '\'

-- Inserts nothing when the slug was taken meanwhile: the caller then tries the next one.
-- name: insert
INSERT INTO articles (id, slug, title, title_sort, summary, body, html, status, author_id, category_id,
  published_at, listed_at, like_count, created_at, updated_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)
ON CONFLICT (slug) DO NOTHING

-- name: update
UPDATE articles SET title = ?, title_sort = ?, summary = ?, body = ?, html = ?, category_id = ?, updated_at = ?
WHERE id = ?

-- name: setStatus
UPDATE articles SET status = ?, published_at = ?, listed_at = ?, updated_at = ? WHERE id = ?

-- name: softDelete
UPDATE articles SET deleted_at = ?, updated_at = ? WHERE id = ?

-- name: categoryIdBySlug
SELECT id FROM categories WHERE slug = ?

-- name: tagBySlug
SELECT id, slug, name FROM tags WHERE slug = ?

-- Inserts nothing when another writer created the tag meanwhile.
-- name: insertTag
INSERT INTO tags (id, slug, name, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (slug) DO NOTHING

-- name: clearTags
DELETE FROM article_tags WHERE article_id = ?

-- name: addTag
INSERT INTO article_tags (article_id, tag_id) VALUES (?, ?)

-- name: like
INSERT INTO article_likes (article_id, user_id, created_at) VALUES (?, ?, ?) ON CONFLICT (article_id, user_id) DO NOTHING

-- name: unlike
DELETE FROM article_likes WHERE article_id = ? AND user_id = ?

-- name: recountLikes
UPDATE articles SET like_count = (SELECT COUNT(*) FROM article_likes l WHERE l.article_id = articles.id) WHERE id = ?
