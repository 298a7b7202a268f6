package dev.gerbang.content;

import dev.gerbang.audit.Actor;
import dev.gerbang.failure.FieldError;
import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.codegen.annotations.VertxGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;

/**
 * Comments on articles, on the event bus. Moderators of a comment are its article's author, editors and
 * admins: they see hidden comments and may hide or delete any; a comment's author may edit and delete it.
 * Writes answer the comment with its article's slug, and announce the article page they changed
 * ({@link ContentChanged}) once they committed.
 */
@ProxyGen
@VertxGen
public interface CommentService {
  String ADDRESS = "gerbang.content.comments";

  static CommentService proxy(Vertx vertx) {
    return new CommentServiceVertxEBProxy(vertx, ADDRESS);
  }

  /** A page of the article's comments the actor may see, oldest first; 404 when the actor cannot see the article. */
  Future<CommentPage> list(Actor actor, String slug, PageQuery query);

  /** Every comment on a live article, newest first, hidden ones too, with its article (for editors and admins). */
  Future<CommentPage> search(CommentSearch query);

  /** Adds the comment as the actor to an article the actor can see. */
  Future<Comment> create(Actor actor, String slug, NewComment comment);

  /** A comment's parentId, when given, that is no comment on this article the actor sees. */
  Future<List<FieldError>> unknownReferences(Actor actor, String slug, NewComment comment);

  /** Changes the body (the comment's author) and/or the status (a moderator). */
  Future<Comment> update(Actor actor, String commentId, CommentChanges changes);

  /** Deletes the comment (its author or a moderator). */
  Future<Void> delete(Actor actor, String commentId);
}
