package dev.gerbang.content;

import dev.gerbang.audit.Actor;
import dev.gerbang.failure.FieldError;
import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.codegen.annotations.VertxGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;

/**
 * Articles and their likes, on the event bus; implemented by the database worker. The actor's visibility
 * (drafts) and ownership are decided here, next to the queries. Writes announce the public content they
 * changed ({@link ContentChanged}) once they committed.
 */
@ProxyGen
@VertxGen
public interface ArticleService {
  String ADDRESS = "gerbang.content.articles";

  static ArticleService proxy(Vertx vertx) {
    return new ArticleServiceVertxEBProxy(vertx, ADDRESS);
  }

  /** A page of the articles the actor may see that match the query; drafts need a signed-in actor. */
  Future<ArticlePage> list(Actor actor, ArticleQuery query);

  /** The article with this slug as its page shows it; 404 when missing, deleted, or a draft the actor may not see. */
  Future<Article> find(Actor actor, String slug);

  /** Creates the article (title and body at least) as the actor; the slug is made from the title. */
  Future<Article> create(Actor actor, ArticleFields article);

  /** The references of an article to write (its category slug, when given) that name nothing. */
  Future<List<FieldError>> unknownReferences(ArticleFields article);

  /** Applies the fields the changes give (title, summary, body, category, tags); the slug stays. */
  Future<Article> update(Actor actor, String slug, ArticleFields changes);

  /** Soft-deletes the article: it and its comments disappear from every view. */
  Future<Void> delete(Actor actor, String slug);

  /** Publishes or unpublishes (back to a draft); editors and admins only. */
  Future<Article> setStatus(Actor actor, String slug, ArticleStatus status);

  /** Likes or unlikes as the actor. */
  Future<ArticleLikes> like(Actor actor, String slug, boolean liked);
}
