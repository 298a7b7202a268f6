-- Comments. Oldest first; the keyset condition's first page starts before every row (db/Keyset).

-- name: article
SELECT id, slug, status, author_id FROM articles WHERE slug = ? AND deleted_at IS NULL

-- Visible comments, plus the viewer's own hidden ones (the viewer id may be '').
-- name: listVisible
SELECT m.*, u.name AS author_name FROM comments m JOIN users u ON u.id = m.author_id
WHERE m.article_id = ? AND (m.status = 'visible' OR m.author_id = ?)
  AND (m.created_at > ? OR (m.created_at = ? AND m.id > ?))
ORDER BY m.created_at, m.id
LIMIT ?

-- name: countVisible
SELECT COUNT(*) FROM comments m WHERE m.article_id = ? AND (m.status = 'visible' OR m.author_id = ?)

-- For moderators (the article's author, editors, admins): hidden ones too.
-- name: listAll
SELECT m.*, u.name AS author_name FROM comments m JOIN users u ON u.id = m.author_id
WHERE m.article_id = ?
  AND (m.created_at > ? OR (m.created_at = ? AND m.id > ?))
ORDER BY m.created_at, m.id
LIMIT ?

-- name: countAll
SELECT COUNT(*) FROM comments m WHERE m.article_id = ?

-- The moderation list: every comment on a live article, newest first, with its article. An empty status or
-- search text switches that filter off.
-- name: search
SELECT m.*, u.name AS author_name, a.slug AS article_slug, a.title AS article_title
FROM comments m JOIN users u ON u.id = m.author_id JOIN articles a ON a.id = m.article_id
WHERE a.deleted_at IS NULL
  AND (? = '' OR m.status = ?)
  AND (? = '' OR lower(m.body) LIKE ? ESCAPE '\' OR lower(u.name) LIKE ? ESCAPE '\')
  AND (m.created_at < ? OR (m.created_at = ? AND m.id < ?))
ORDER BY m.created_at DESC, m.id DESC
LIMIT ?

-- name: searchCount
SELECT COUNT(*) FROM comments m JOIN users u ON u.id = m.author_id JOIN articles a ON a.id = m.article_id
WHERE a.deleted_at IS NULL
  AND (? = '' OR m.status = ?)
  AND (? = '' OR lower(m.body) LIKE ? ESCAPE '\' OR lower(u.name) LIKE ? ESCAPE '\')

-- A comment with what deciding on it needs; gone with its article.
-- name: find
SELECT m.*, u.name AS author_name, a.slug AS article_slug, a.author_id AS article_author_id, a.status AS article_status
FROM comments m JOIN users u ON u.id = m.author_id JOIN articles a ON a.id = m.article_id
WHERE m.id = ? AND a.deleted_at IS NULL

-- name: insert
INSERT INTO comments (id, article_id, author_id, body, status, parent_id, created_at, updated_at)
VALUES (?, ?, ?, ?, 'visible', ?, ?, ?)

-- name: update
UPDATE comments SET body = ?, status = ?, updated_at = ? WHERE id = ?

-- name: delete
DELETE FROM comments WHERE id = ?

-- What telling someone about a new comment needs: their name, email and locale, the commenter's name, the article.
-- name: commentNotice
SELECT ru.email, ru.name, ru.locale, a.title, a.slug, cu.name AS commenter
FROM articles a JOIN users cu ON cu.id = ? JOIN users ru ON ru.id = ?
WHERE a.id = ?;
