-- Categories and tags, ordered by slug (unique: the id after it only completes the keyset of db/Keyset); counts
-- are of published, not deleted articles.

-- name: listCategories
SELECT c.*, (SELECT COUNT(*) FROM articles a WHERE a.category_id = c.id AND a.status = 'published' AND a.deleted_at IS NULL) AS article_count
FROM categories c WHERE (c.slug > ? OR (c.slug = ? AND c.id > ?)) ORDER BY c.slug, c.id LIMIT ?

-- name: countCategories
SELECT COUNT(*) FROM categories

-- name: findCategory
SELECT c.*, (SELECT COUNT(*) FROM articles a WHERE a.category_id = c.id AND a.status = 'published' AND a.deleted_at IS NULL) AS article_count
FROM categories c WHERE c.slug = ?

-- name: insertCategory
INSERT INTO categories (id, slug, name, description, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)

-- name: updateCategory
UPDATE categories SET name = ?, description = ?, updated_at = ? WHERE id = ?

-- Articles still in the category, deleted ones not counted (they leave with it).
-- name: categoryArticles
SELECT COUNT(*) FROM articles WHERE category_id = ? AND deleted_at IS NULL

-- name: moveArticles
UPDATE articles SET category_id = ? WHERE category_id = ?

-- name: deleteCategory
DELETE FROM categories WHERE id = ?

-- name: listTags
SELECT g.*, (SELECT COUNT(*) FROM article_tags t JOIN articles a ON a.id = t.article_id
             WHERE t.tag_id = g.id AND a.status = 'published' AND a.deleted_at IS NULL) AS article_count
FROM tags g WHERE (? = '' OR g.slug LIKE ? ESCAPE '\' OR lower(g.name) LIKE ? ESCAPE '\')
  AND (g.slug > ? OR (g.slug = ? AND g.id > ?))
ORDER BY g.slug, g.id LIMIT ?

-- name: countTags
SELECT COUNT(*) FROM tags g WHERE (? = '' OR g.slug LIKE ? ESCAPE '\' OR lower(g.name) LIKE ? ESCAPE '\')

-- name: findTag
SELECT g.*, (SELECT COUNT(*) FROM article_tags t JOIN articles a ON a.id = t.article_id
             WHERE t.tag_id = g.id AND a.status = 'published' AND a.deleted_at IS NULL) AS article_count
FROM tags g WHERE g.slug = ?

-- name: insertTag
INSERT INTO tags (id, slug, name, created_at) VALUES (?, ?, ?, ?)

-- name: renameTag
UPDATE tags SET name = ? WHERE id = ?

-- name: deleteTag
DELETE FROM tags WHERE id = ?
