-- PostgreSQL full-text search over articles: a generated tsvector with a GIN index. Untested in this wave.
ALTER TABLE articles ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('simple', coalesce(title, '')), 'A') ||
  setweight(to_tsvector('simple', coalesce(summary, '')), 'B') ||
  setweight(to_tsvector('simple', body), 'C')
) STORED;
CREATE INDEX articles_search_idx ON articles USING GIN (search_vector);

-- Likes removed by a cascade (an account deleted) keep the denormalized count right.
CREATE FUNCTION article_likes_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE articles SET like_count = like_count - 1 WHERE id = OLD.article_id AND like_count > 0;
  RETURN OLD;
END
$$;
CREATE TRIGGER article_likes_delete AFTER DELETE ON article_likes FOR EACH ROW EXECUTE FUNCTION article_likes_deleted();
