-- Article search on PostgreSQL as on SQLite (FTS5 unicode61, remove_diacritics): accents do not count ("cafe"
-- finds "Cafés"), and punctuation separates words ("Vert.x" is "vert" and "x", as a query's words are), so that
-- the last word of a query can be a prefix of a word. unaccent is a trusted extension: the database's owner may
-- create it, and Debian's PostgreSQL packages ship it.
CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public;

-- unaccent() itself is only STABLE (its dictionary could change); with the dictionary named, the result is
-- fixed, so this wrapper may feed a generated column. Schema-qualified, so that a restore with an empty
-- search_path still finds it.
CREATE FUNCTION gerbang_unaccent(text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;

CREATE FUNCTION gerbang_search_words(text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT regexp_replace(public.gerbang_unaccent($1), '[[:punct:]]+', ' ', 'g') $$;

DROP INDEX articles_search_idx;
ALTER TABLE articles DROP COLUMN search_vector;
ALTER TABLE articles ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('simple', gerbang_search_words(coalesce(title, ''))), 'A') ||
  setweight(to_tsvector('simple', gerbang_search_words(coalesce(summary, ''))), 'B') ||
  setweight(to_tsvector('simple', gerbang_search_words(body)), 'C')
) STORED;
CREATE INDEX articles_search_idx ON articles USING GIN (search_vector);
