-- Content: articles, categories, tags, comments and likes. Portable SQL (SQLite and PostgreSQL).
-- Full-text search differs per database and lives in db/migration-<vendor>/V3_1__content_search.sql.

CREATE TABLE categories (
  id          VARCHAR(36)  NOT NULL PRIMARY KEY,
  slug        VARCHAR(80)  NOT NULL,
  name        VARCHAR(80)  NOT NULL,
  description VARCHAR(500),
  created_at  BIGINT       NOT NULL,
  updated_at  BIGINT       NOT NULL
);
CREATE UNIQUE INDEX categories_slug_key ON categories (slug);

CREATE TABLE tags (
  id         VARCHAR(36) NOT NULL PRIMARY KEY,
  slug       VARCHAR(50) NOT NULL,
  name       VARCHAR(50) NOT NULL,
  created_at BIGINT      NOT NULL
);
CREATE UNIQUE INDEX tags_slug_key ON tags (slug);

CREATE TABLE articles (
  id           VARCHAR(36)  NOT NULL PRIMARY KEY,
  -- Made from the title at creation, unique, and never changed by edits (links keep working).
  slug         VARCHAR(100) NOT NULL,
  title        VARCHAR(200) NOT NULL,
  -- Lower-cased title: the sort key of ?sort=title, the same on both databases.
  title_sort   VARCHAR(200) NOT NULL,
  summary      VARCHAR(500),
  body         TEXT         NOT NULL,
  -- The body rendered from Markdown and sanitized with an allow-list; never the raw input.
  html         TEXT         NOT NULL,
  status       VARCHAR(10)  NOT NULL,
  author_id    VARCHAR(36)  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  category_id  VARCHAR(36)  REFERENCES categories (id),
  published_at BIGINT,
  -- The sort key of ?sort=published: published_at once published, created_at for a never published draft.
  listed_at    BIGINT       NOT NULL,
  like_count   INTEGER      NOT NULL DEFAULT 0,
  created_at   BIGINT       NOT NULL,
  updated_at   BIGINT       NOT NULL,
  deleted_at   BIGINT
);
CREATE UNIQUE INDEX articles_slug_key ON articles (slug);
-- Narrow on purpose: counting the published articles (the list's total) reads the fewest pages.
CREATE INDEX articles_status_idx ON articles (status) WHERE deleted_at IS NULL;
CREATE INDEX articles_listed_idx ON articles (status, listed_at, id) WHERE deleted_at IS NULL;
CREATE INDEX articles_title_idx ON articles (status, title_sort, id) WHERE deleted_at IS NULL;
CREATE INDEX articles_likes_idx ON articles (status, like_count, id) WHERE deleted_at IS NULL;
CREATE INDEX articles_category_idx ON articles (category_id, status, listed_at, id) WHERE deleted_at IS NULL;
CREATE INDEX articles_author_idx ON articles (author_id, listed_at, id) WHERE deleted_at IS NULL;

CREATE TABLE article_tags (
  article_id VARCHAR(36) NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  tag_id     VARCHAR(36) NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
  PRIMARY KEY (article_id, tag_id)
);
CREATE INDEX article_tags_tag_idx ON article_tags (tag_id, article_id);

CREATE TABLE comments (
  id         VARCHAR(36)   NOT NULL PRIMARY KEY,
  article_id VARCHAR(36)   NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  author_id  VARCHAR(36)   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  body       VARCHAR(5000) NOT NULL,
  status     VARCHAR(10)   NOT NULL,
  created_at BIGINT        NOT NULL,
  updated_at BIGINT        NOT NULL
);
CREATE INDEX comments_article_idx ON comments (article_id, created_at, id);

CREATE TABLE article_likes (
  article_id VARCHAR(36) NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  user_id    VARCHAR(36) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at BIGINT      NOT NULL,
  PRIMARY KEY (article_id, user_id)
);
CREATE INDEX article_likes_user_idx ON article_likes (user_id);
