package dev.gerbang.content.impl;

import dev.gerbang.db.Ids;
import dev.gerbang.db.Rows;
import dev.gerbang.db.Sql;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The tags of an article, written in the article's transaction (articles.sql). */
final class ArticleTags {
  private final Sql sql;

  ArticleTags(Sql sql) {
    this.sql = sql;
  }

  /** Replaces the article's tags by these names; a tag is created the first time it is used. */
  Future<Void> set(SqlConnection conn, String articleId, List<String> names) {
    Future<?> chain = conn.preparedQuery(sql.get("clearTags")).execute(Tuple.of(articleId));
    Set<String> seen = new HashSet<>();
    for (String name : names) {
      String slug = Slugs.of(name, 50, Slugs.hashed("tag", name));
      if (!seen.add(slug)) {
        continue;
      }
      chain = chain.compose(x -> conn.preparedQuery(sql.get("tagBySlug")).execute(Tuple.of(slug)))
          .compose(rows -> {
            String tagId = Rows.first(rows, r -> r.getString("id"));
            if (tagId != null) {
              return Future.succeededFuture(tagId);
            }
            // Another article may be creating the same tag right now (PostgreSQL): then it is that one's.
            String newId = Ids.newId();
            return conn.preparedQuery(sql.get("insertTag")).execute(Tuple.of(newId, slug, name, System.currentTimeMillis()))
                .compose(done -> done.rowCount() == 1 ? Future.succeededFuture(newId)
                    : conn.preparedQuery(sql.get("tagBySlug")).execute(Tuple.of(slug))
                        .map(again -> Rows.first(again, r -> r.getString("id"))));
          })
          .compose(tagId -> conn.preparedQuery(sql.get("addTag")).execute(Tuple.of(articleId, tagId)));
    }
    return chain.mapEmpty();
  }
}
