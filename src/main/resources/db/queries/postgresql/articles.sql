-- PostgreSQL forms of the statements that differ (string aggregation, full-text search).

-- name: list.select
SELECT a.id, a.slug, a.title, a.summary, a.status, a.author_id, u.name AS author_name,
  c.slug AS category_slug, c.name AS category_name, a.published_at, a.listed_at, a.title_sort,
  a.like_count, a.created_at, a.updated_at,
  (SELECT string_agg(g.slug || chr(31) || g.name, chr(30)) FROM article_tags t JOIN tags g ON g.id = t.tag_id
   WHERE t.article_id = a.id) AS tag_list
FROM articles a JOIN users u ON u.id = a.author_id LEFT JOIN categories c ON c.id = a.category_id
WHERE a.deleted_at IS NULL

-- The parameter is a tsquery made of words only (ArticleLister.tsQuery): accents go as in the index.
-- name: filter.q
AND a.search_vector @@ to_tsquery('simple', gerbang_unaccent(?))

-- name: findBySlug
SELECT a.id, a.slug, a.title, a.summary, a.body, a.html, a.status, a.author_id, a.category_id, u.name AS author_name,
  c.slug AS category_slug, c.name AS category_name, a.published_at, a.listed_at, a.title_sort,
  a.like_count, a.created_at, a.updated_at,
  (SELECT string_agg(g.slug || chr(31) || g.name, chr(30)) FROM article_tags t JOIN tags g ON g.id = t.tag_id
   WHERE t.article_id = a.id) AS tag_list,
  (SELECT COUNT(*) FROM comments m WHERE m.article_id = a.id AND m.status = 'visible') AS comment_count
FROM articles a JOIN users u ON u.id = a.author_id LEFT JOIN categories c ON c.id = a.category_id
WHERE a.slug = ? AND a.deleted_at IS NULL
