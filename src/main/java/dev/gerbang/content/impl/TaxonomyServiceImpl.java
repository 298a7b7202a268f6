package dev.gerbang.content.impl;

import dev.gerbang.content.Category;
import dev.gerbang.content.CategoryFields;
import dev.gerbang.content.CategoryPage;
import dev.gerbang.content.ContentChanged;
import dev.gerbang.content.PageQuery;
import dev.gerbang.content.Tag;
import dev.gerbang.content.TagPage;
import dev.gerbang.content.TaxonomyService;
import dev.gerbang.db.Cursors;
import dev.gerbang.db.Database;
import dev.gerbang.db.Ids;
import dev.gerbang.db.Keyset;
import dev.gerbang.db.Page;
import dev.gerbang.db.Pager;
import dev.gerbang.db.Rows;
import dev.gerbang.db.Sql;
import dev.gerbang.db.SqlErrors;
import dev.gerbang.events.Events;
import dev.gerbang.failure.Failure;
import dev.gerbang.failure.FieldError;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.function.Function;

public final class TaxonomyServiceImpl implements TaxonomyService {
  private static final Keyset CATEGORIES = bySlug("taxonomy.listCategories");
  private static final Keyset TAGS = bySlug("taxonomy.listTags");
  private final Pool pool;
  private final Sql sql;
  private final Pager pager;
  private final Events events;

  public TaxonomyServiceImpl(Database database, Events events) {
    this.pool = database.pool();
    this.sql = database.sql("taxonomy");
    this.pager = database.pager();
    this.events = events;
  }

  private static Keyset bySlug(String list) {
    return Keyset.of(list, Keyset.asc("slug", Cursors.Type.TEXT), Keyset.asc("id", Cursors.Type.ID));
  }

  private static Category category(Row row) {
    return new Category(row.getString("id"), row.getString("slug"), row.getString("name"), row.getString("description"),
        ArticleRows.number(row, "article_count"), Rows.iso(row, "created_at"), Rows.iso(row, "updated_at"));
  }

  private static Tag tag(Row row) {
    return new Tag(row.getString("id"), row.getString("slug"), row.getString("name"), ArticleRows.number(row, "article_count"),
        Rows.iso(row, "created_at"));
  }

  private <T> Future<T> one(SqlClient client, String statement, String slug, Function<Row, T> mapper, String what) {
    return client.preparedQuery(sql.get(statement)).execute(Tuple.of(slug)).compose(rows -> {
      T found = Rows.first(rows, mapper);
      return found == null ? Future.failedFuture(Failure.notFound("tag".equals(what) ? "detail.not_found.tag" : "detail.not_found.category")) : Future.succeededFuture(found);
    });
  }

  private static <T> Future<T> slugTaken(Throwable failure, String what) {
    return SqlErrors.uniqueViolation(failure) == null ? Future.failedFuture(failure)
        : Future.failedFuture(Failure.conflict(what + "-exists", "tag".equals(what) ? "detail.conflict.tag_exists" : "detail.conflict.category_exists", "slug"));
  }

  @Override
  public Future<CategoryPage> listCategories(PageQuery query) {
    return pager.page(CATEGORIES, sql, "listCategories", "countCategories", Tuple.tuple(), query.cursor(), query.limit(),
        TaxonomyServiceImpl::category).map(CategoryPage::new);
  }

  @Override
  public Future<Category> findCategory(String slug) {
    return one(pool, "findCategory", slug, TaxonomyServiceImpl::category, "category");
  }

  @Override
  public Future<Category> createCategory(CategoryFields input) {
    String name = input.name();
    String slug = input.slug() != null ? input.slug() : Slugs.of(name, 80, Slugs.hashed("category", name));
    long now = System.currentTimeMillis();
    return pool.preparedQuery(sql.get("insertCategory"))
        .execute(Tuple.of(Ids.newId(), slug, name, input.description(), now, now))
        .recover(failure -> slugTaken(failure, "category"))
        .compose(done -> findCategory(slug));
  }

  @Override
  public Future<Category> updateCategory(String slug, CategoryFields changes) {
    return everything(pool.withTransaction(conn -> one(conn, "findCategory", slug, TaxonomyServiceImpl::category, "category")
        .compose(current -> conn.preparedQuery(sql.get("updateCategory")).execute(Tuple.of(
            changes.name() != null ? changes.name() : current.name(),
            changes.describes() ? changes.description() : current.description(),
            System.currentTimeMillis(), current.id())))
        .compose(done -> one(conn, "findCategory", slug, TaxonomyServiceImpl::category, "category"))));
  }

  @Override
  public Future<Void> deleteCategory(String slug, String moveTo) {
    if (slug.equals(moveTo)) {
      return Future.failedFuture(invalid("moveTo", "field.move_to_same"));
    }
    return everything(pool.withTransaction(conn -> one(conn, "findCategory", slug, TaxonomyServiceImpl::category, "category")
        .compose(category -> {
          String id = category.id();
          Future<String> target = moveTo == null ? Future.succeededFuture(null)
              : one(conn, "findCategory", moveTo, row -> row.getString("id"), "category")
                  .recover(failure -> Future.failedFuture(invalid("moveTo", "field.unknown_category")));
          return target.compose(targetId -> conn.preparedQuery(sql.get("categoryArticles")).execute(Tuple.of(id))
              .compose(rows -> {
                if (Rows.count(rows) > 0 && targetId == null) {
                  return Future.failedFuture(Failure.conflict("category-in-use",
                      "detail.conflict.category_in_use", null));
                }
                // Soft-deleted articles follow the move too, or lose the category when there is no target.
                return conn.preparedQuery(sql.get("moveArticles")).execute(Tuple.of(targetId, id));
              })
              .compose(done -> conn.preparedQuery(sql.get("deleteCategory")).execute(Tuple.of(id))));
        }).mapEmpty()));
  }

  @Override
  public Future<TagPage> listTags(PageQuery query) {
    String q = query.q();
    String like = Page.likePattern(q);
    return pager.page(TAGS, sql, "listTags", "countTags", Tuple.of(q, like, like), query.cursor(), query.limit(),
        TaxonomyServiceImpl::tag).map(TagPage::new);
  }

  @Override
  public Future<Tag> createTag(String name) {
    String slug = Slugs.of(name, 50, Slugs.hashed("tag", name));
    return pool.preparedQuery(sql.get("insertTag")).execute(Tuple.of(Ids.newId(), slug, name, System.currentTimeMillis()))
        .recover(failure -> slugTaken(failure, "tag"))
        .compose(done -> one(pool, "findTag", slug, TaxonomyServiceImpl::tag, "tag"));
  }

  @Override
  public Future<Tag> updateTag(String slug, String name) {
    return everything(pool.withTransaction(conn -> one(conn, "findTag", slug, TaxonomyServiceImpl::tag, "tag")
        .compose(tag -> conn.preparedQuery(sql.get("renameTag")).execute(Tuple.of(name, tag.id())))
        .compose(done -> one(conn, "findTag", slug, TaxonomyServiceImpl::tag, "tag"))));
  }

  @Override
  public Future<Void> deleteTag(String slug) {
    return everything(pool.withTransaction(conn -> one(conn, "findTag", slug, TaxonomyServiceImpl::tag, "tag")
        .compose(tag -> conn.preparedQuery(sql.get("deleteTag")).execute(Tuple.of(tag.id())))).mapEmpty());
  }

  /**
   * After a committed change of a category or tag: they show in every article and list, so all public content
   * changed. (A new one shows in none yet.)
   */
  private <T> Future<T> everything(Future<T> committed) {
    return Changed.announce(events, committed.map(answer -> new Changed<>(answer, ContentChanged.everything())));
  }

  private static RuntimeException invalid(String field, String message) {
    return Failure.invalid(List.of(new FieldError(field, message)));
  }
}
