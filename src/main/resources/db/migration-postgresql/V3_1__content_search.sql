-- PostgreSQL full-text search over articles: a generated tsvector with a GIN index. Untested in this wave.
ALTER TABLE articles ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('simple', coalesce(title, '')), 'A') ||
  setweight(to_tsvector('simple', coalesce(summary, '')), 'B') ||
  setweight(to_tsvector('simple', body), 'C')
) STORED;
CREATE INDEX articles_search_idx ON articles USING GIN (search_vector);
