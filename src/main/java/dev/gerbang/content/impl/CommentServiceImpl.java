package dev.gerbang.content.impl;

import dev.gerbang.account.Mails;
import dev.gerbang.audit.Actor;
import dev.gerbang.content.Author;
import dev.gerbang.content.Comment;
import dev.gerbang.content.CommentChanges;
import dev.gerbang.content.CommentPage;
import dev.gerbang.content.CommentSearch;
import dev.gerbang.content.CommentService;
import dev.gerbang.content.CommentStatus;
import dev.gerbang.content.ContentChanged;
import dev.gerbang.content.NewComment;
import dev.gerbang.content.PageQuery;
import dev.gerbang.db.Database;
import dev.gerbang.db.Ids;
import dev.gerbang.db.Keyset;
import dev.gerbang.db.Page;
import dev.gerbang.db.Pager;
import dev.gerbang.db.Rows;
import dev.gerbang.db.Sql;
import dev.gerbang.events.Events;
import dev.gerbang.failure.Failure;
import dev.gerbang.failure.FieldError;
import dev.gerbang.notify.NoticeType;
import dev.gerbang.notify.Notices;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import dev.gerbang.webhook.Webhooks;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.List;

public final class CommentServiceImpl implements CommentService {
  /** An article's comment thread, oldest first. */
  private static final Keyset THREAD = Keyset.oldestFirst("comments.thread");
  /** The moderation list, newest first. */
  private static final Keyset SEARCH = Keyset.newestFirst("comments.search");
  private static final FieldError NOT_A_PARENT = new FieldError("parentId", "field.comment_parent");
  private final Notices notices;
  private final Events events;
  private final Pool pool;
  private final Sql sql;
  private final Pager pager;

  private final Webhooks webhooks;

  public CommentServiceImpl(Database database, Notices notices, Events events) {
    this.webhooks = new Webhooks(database);
    this.notices = notices;
    this.events = events;
    this.pool = database.pool();
    this.sql = database.sql("comments");
    this.pager = database.pager();
  }

  static Comment comment(Row row) {
    return new Comment(row.getString("id"), row.getString("parent_id"),
        new Author(row.getString("author_id"), row.getString("author_name")), row.getString("body"),
        CommentStatus.fromJson(row.getString("status")), Rows.iso(row, "created_at"), Rows.iso(row, "updated_at"));
  }

  /** The article when the viewer may see it (published, or a draft of theirs, or any for editors); else 404. */
  private Future<Row> article(SqlClient client, Viewer viewer, String slug) {
    return client.preparedQuery(sql.get("article")).execute(Tuple.of(slug)).compose(rows -> {
      Row row = Rows.first(rows, r -> r);
      if (row == null || !("published".equals(row.getString("status")) || viewer.is(row.getString("author_id"))
          || viewer.isEditor())) {
        return Future.failedFuture(Failure.notFound("detail.not_found.article"));
      }
      return Future.succeededFuture(row);
    });
  }

  @Override
  public Future<CommentPage> list(Actor actor, String slug, PageQuery query) {
    Viewer viewer = Viewer.of(actor);
    // A cursor that is not this thread's is a 400 whether or not the article is there to see.
    Pager.Position from;
    try {
      from = pager.position(THREAD, query.cursor());
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return article(pool, viewer, slug).compose(article -> {
      boolean moderator = viewer.isEditor() || viewer.is(article.getString("author_id"));
      String me = viewer.anonymous() ? "" : viewer.userId();
      Tuple filters = moderator ? Tuple.of(article.getString("id")) : Tuple.of(article.getString("id"), me);
      return pager.page(from, sql, moderator ? "listAll" : "listVisible", moderator ? "countAll" : "countVisible", filters,
          query.limit(), CommentServiceImpl::comment);
    }).map(CommentPage::new);
  }

  @Override
  public Future<CommentPage> search(CommentSearch query) {
    String status = query.status() == null ? "" : query.status().json();
    String q = query.page().q();
    String like = Page.likePattern(q);
    return pager.page(SEARCH, sql, "search", "searchCount", Tuple.of(status, status, q, like, like),
        query.page().cursor(), query.page().limit(),
        row -> comment(row).withArticle(row.getString("article_slug"), row.getString("article_title")))
        .map(CommentPage::new);
  }

  @Override
  public Future<Comment> create(Actor actor, String slug, NewComment comment) {
    Viewer viewer = Viewer.of(actor);
    String id = Ids.newId();
    long now = System.currentTimeMillis();
    String parentId = comment.parentId();
    Notices.Batch batch = notices.batch();
    return Changed.announce(events, pool.withTransaction(conn -> article(conn, viewer, slug)
        .compose(article -> parent(conn, viewer, article, parentId)
            .compose(parent -> conn.preparedQuery(sql.get("insert"))
                .execute(Tuple.of(id, article.getString("id"), viewer.userId(), comment.body(), parentId, now)
                    .addLong(now))
                .compose(done -> notifyAuthors(conn, batch, article, parent, viewer, id))
                .compose(done -> webhooks.emit(conn, "comment.created", new JsonObject().put("commentId", id)
                    .put("articleId", article.getString("id")).put("authorId", viewer.userId()).put("parentId", parentId)))))
        .compose(done -> find(conn, id)))
        .onSuccess(row -> batch.delivered())
        .map(row -> written(comment(row).withArticle(slug, null))));
  }

  /** The comment answered, when there is one: it must belong to the article and be visible to the viewer. */
  private Future<Row> parent(SqlClient client, Viewer viewer, Row article, String parentId) {
    if (parentId == null) {
      return Future.succeededFuture();
    }
    return visible(client, viewer, parentId)
        .compose(row -> row.getString("article_id").equals(article.getString("id")) ? Future.succeededFuture(row)
            : Future.failedFuture(new IllegalStateException()))
        .recover(failure -> Future.failedFuture(Failure.invalid(List.of(NOT_A_PARENT))));
  }

  @Override
  public Future<List<FieldError>> unknownReferences(Actor actor, String slug, NewComment comment) {
    Viewer viewer = Viewer.of(actor);
    String parentId = comment.parentId();
    if (parentId == null) {
      return Future.succeededFuture(List.of());
    }
    // An article the viewer cannot see is the write's 404, not a field error.
    return article(pool, viewer, slug)
        .compose(article -> parent(pool, viewer, article, parentId).<List<FieldError>>map(row -> List.of())
            .otherwise(failure -> List.of(NOT_A_PARENT)))
        .otherwise(List.of());
  }

  /**
   * In the comment's transaction: "a reply to your comment" for the answered comment's author, and "a comment on
   * your article" for the article's author, unless they are the commenter or were just told by the reply.
   */
  private Future<Void> notifyAuthors(SqlConnection conn, Notices.Batch batch, Row article, Row parent, Viewer viewer,
                                     String commentId) {
    String parentAuthor = parent == null ? null : parent.getString("author_id");
    Future<Void> reply = parentAuthor == null || viewer.is(parentAuthor) ? Future.succeededFuture()
        : tell(conn, batch, NoticeType.COMMENT_REPLY, parentAuthor, article, viewer, commentId);
    String articleAuthor = article.getString("author_id");
    if (viewer.is(articleAuthor) || articleAuthor.equals(parentAuthor)) {
      return reply;
    }
    return reply.compose(done -> tell(conn, batch, NoticeType.ARTICLE_COMMENT, articleAuthor, article, viewer, commentId));
  }

  private Future<Void> tell(SqlConnection conn, Notices.Batch batch, NoticeType type, String recipientId, Row article,
                            Viewer viewer, String commentId) {
    return conn.preparedQuery(sql.get("commentNotice")).execute(Tuple.of(viewer.userId(), recipientId, article.getString("id")))
        .compose(rows -> {
          Row to = Rows.first(rows, r -> r);
          if (to == null) {
            return Future.succeededFuture();
          }
          JsonObject mail = type == NoticeType.COMMENT_REPLY
              ? Mails.commentReply(to.getString("email"), to.getString("name"), to.getString("locale"), to.getString("title"),
                  to.getString("commenter"), to.getString("slug"), commentId)
              : Mails.commentOnArticle(to.getString("email"), to.getString("name"), to.getString("locale"),
                  to.getString("title"), to.getString("commenter"), to.getString("slug"), commentId);
          return batch.add(conn, new Notices.Notice(type, recipientId, new JsonObject().put("title", to.getString("title"))
              .put("commenter", to.getString("commenter")), "/articles/" + to.getString("slug") + "#comment-" + commentId, mail));
        });
  }

  private Future<Row> find(SqlClient client, String id) {
    return client.preparedQuery(sql.get("find")).execute(Tuple.of(id)).compose(rows -> {
      Row row = Rows.first(rows, r -> r);
      return row == null ? Future.failedFuture(Failure.notFound("detail.not_found.comment")) : Future.succeededFuture(row);
    });
  }

  /** The comment, when the viewer can see it at all: its article is visible, and it is visible or theirs or they moderate. */
  private Future<Row> visible(SqlClient client, Viewer viewer, String id) {
    return find(client, id).compose(row -> {
      boolean articleVisible = "published".equals(row.getString("article_status")) || viewer.isEditor()
          || viewer.is(row.getString("article_author_id"));
      boolean commentVisible = "visible".equals(row.getString("status")) || viewer.is(row.getString("author_id"))
          || moderates(viewer, row);
      return articleVisible && commentVisible ? Future.succeededFuture(row)
          : Future.failedFuture(Failure.notFound("detail.not_found.comment"));
    });
  }

  private static boolean moderates(Viewer viewer, Row row) {
    return viewer.isEditor() || viewer.is(row.getString("article_author_id"));
  }

  @Override
  public Future<Comment> update(Actor actor, String commentId, CommentChanges changes) {
    Viewer viewer = Viewer.of(actor);
    return Changed.announce(events, pool.withTransaction(conn -> visible(conn, viewer, commentId).compose(row -> {
      if (changes.body() != null && !viewer.is(row.getString("author_id"))) {
        return Future.failedFuture(Failure.forbidden("detail.forbidden.comment_edit"));
      }
      if (changes.status() != null && !moderates(viewer, row)) {
        return Future.failedFuture(Failure.forbidden(
            "detail.forbidden.comment_moderate"));
      }
      Tuple update = Tuple.of(changes.body() != null ? changes.body() : row.getString("body"),
          changes.status() != null ? changes.status().json() : row.getString("status"), System.currentTimeMillis(), commentId);
      return conn.preparedQuery(sql.get("update")).execute(update)
          .compose(done -> find(conn, commentId))
          .map(updated -> written(comment(updated).withArticle(updated.getString("article_slug"), null)));
    })));
  }

  @Override
  public Future<Void> delete(Actor actor, String commentId) {
    Viewer viewer = Viewer.of(actor);
    return Changed.announce(events, pool.withTransaction(conn -> visible(conn, viewer, commentId).compose(row -> {
      if (!viewer.is(row.getString("author_id")) && !moderates(viewer, row)) {
        return Future.failedFuture(Failure.forbidden(
            "detail.forbidden.comment_delete"));
      }
      return conn.preparedQuery(sql.get("delete")).execute(Tuple.of(commentId))
          .map(done -> new Changed<Void>(null, ContentChanged.article(row.getString("article_slug"), false)));
    })));
  }

  /** A written comment changes its article's page (its comments, their count), never a list. */
  private static Changed<Comment> written(Comment comment) {
    return new Changed<>(comment, ContentChanged.article(comment.articleSlug(), false));
  }
}
