-- SQLite full-text search over articles (plus, at the end, the one other trigger whose syntax differs per
-- database): an FTS5 index (built into sqlite-jdbc) over the articles table itself (external content, keyed
-- by the article's rowid), kept in step by triggers. Soft-deleted and draft articles stay indexed; the list
-- query filters them out on the articles side.
-- Operations note: VACUUM may renumber rowids of a table without an INTEGER PRIMARY KEY; after a VACUUM run
--   INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');
CREATE VIRTUAL TABLE articles_fts USING fts5(
  title, summary, body,
  content = 'articles', content_rowid = 'rowid',
  tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
  INSERT INTO articles_fts (rowid, title, summary, body) VALUES (new.rowid, new.title, new.summary, new.body);
END;

CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, summary, body ON articles BEGIN
  INSERT INTO articles_fts (articles_fts, rowid, title, summary, body) VALUES ('delete', old.rowid, old.title, old.summary, old.body);
  INSERT INTO articles_fts (rowid, title, summary, body) VALUES (new.rowid, new.title, new.summary, new.body);
END;

CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
  INSERT INTO articles_fts (articles_fts, rowid, title, summary, body) VALUES ('delete', old.rowid, old.title, old.summary, old.body);
END;

-- Likes removed by a cascade (an account deleted) keep the denormalized count right; the API's own
-- like/unlike recounts in the same transaction anyway.
CREATE TRIGGER article_likes_delete AFTER DELETE ON article_likes BEGIN
  UPDATE articles SET like_count = like_count - 1 WHERE id = old.article_id AND like_count > 0;
END;
