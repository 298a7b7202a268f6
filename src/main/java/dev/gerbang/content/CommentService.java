package dev.gerbang.content;

import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.codegen.annotations.VertxGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Comments on articles, on the event bus. Moderators of a comment are its article's author, editors and
 * admins: they see hidden comments and may hide or delete any; a comment's author may edit and delete it.
 * Writes answer the comment with its `articleSlug`, and announce the article page they changed once they committed.
 */
@ProxyGen
@VertxGen
public interface CommentService {
  String ADDRESS = "gerbang.content.comments";

  static CommentService proxy(Vertx vertx) {
    return new CommentServiceVertxEBProxy(vertx, ADDRESS);
  }

  /** The article's comments, oldest first: {limit, cursor} -> {items, nextCursor, total}; 404 when the viewer cannot see the article. */
  Future<JsonObject> list(JsonObject viewer, String slug, JsonObject query);

  /** Every comment on a live article, newest first, hidden ones too (for editors and admins): {status, q, limit, cursor} -> a page. */
  Future<JsonObject> search(JsonObject query);

  /** Adds {body} as the viewer to an article the viewer can see. */
  Future<JsonObject> create(JsonObject viewer, String slug, JsonObject comment);

  /** A comment's parentId, when given, that is no comment on this article the viewer sees: [{field, message}]. */
  Future<JsonArray> unknownReferences(JsonObject viewer, String slug, JsonObject comment);

  /** Changes {body} (the comment's author) and/or {status: visible|hidden} (a moderator). */
  Future<JsonObject> update(JsonObject viewer, String commentId, JsonObject changes);

  /** Deletes the comment (its author or a moderator). */
  Future<Void> delete(JsonObject viewer, String commentId);
}
