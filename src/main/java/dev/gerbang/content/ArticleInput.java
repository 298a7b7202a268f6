package dev.gerbang.content;

import dev.gerbang.failure.FieldError;
import dev.gerbang.http.Validator;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The body of POST and PATCH /api/articles, checked field by field. Text is stored as sent (trimmed):
 * titles, summaries and tag names are returned as JSON strings, never as HTML; only the Markdown body
 * becomes HTML, and that through the sanitizer.
 */
final class ArticleInput {
  static final Pattern SLUG = Pattern.compile("^[a-z0-9]+(-[a-z0-9]+)*$");
  static final String SLUG_RULE = "field.slug";
  private static final Pattern HAS_WORD = Pattern.compile(".*[\\p{L}\\p{N}].*");
  static final int MAX_BODY = 50_000;
  static final int MAX_TAGS = 10;

  private ArticleInput() {
  }

  /**
   * The checked fields; on create title and body are required, on update at least one field is. Fails with one
   * 400 that also names an unknown category when another field is at fault (the write checks it otherwise).
   */
  static Future<ArticleFields> read(RoutingContext ctx, boolean create, ArticleService articles) {
    Validator v = create ? Validator.body(ctx, "title", "summary", "body", "category", "tags", "status")
        : Validator.body(ctx, "title", "summary", "body", "category", "tags");
    if (v.raw().getValue("body") instanceof String body) {
      // Browsers send textarea line breaks as CRLF; CR alone would be refused as a control character.
      v.raw().put("body", body.replace("\r\n", "\n"));
    }
    ArticleFields.Builder out = ArticleFields.builder();
    if (create || v.has("title")) {
      out.title(v.line("title", 1, 200));
    }
    if (v.has("summary")) {
      String summary = v.optionalText("summary", 0, 500);
      out.summary(summary == null || summary.isEmpty() ? null : summary);
    }
    if (create || v.has("body")) {
      out.body(v.text("body", 1, MAX_BODY));
    }
    if (v.has("category")) {
      out.category(v.pattern("category", v.optionalLine("category", 1, 80), SLUG, SLUG_RULE));
    }
    if (v.has("tags")) {
      out.tags(tags(v));
    }
    if (create && v.has("status")) {
      String status = v.line("status", 1, 20);
      if ("draft".equals(status) || "published".equals(status)) {
        out.status(ArticleStatus.fromJson(status));
      } else if (status != null) {
        v.add("status", "field.article_status");
      }
    }
    if (!create && v.raw().isEmpty()) {
      v.add("body", "field.body.article");
    }
    ArticleFields fields = out.build();
    return v.validate(() -> articles.unknownReferences(fields).map(FieldError::toJsonArray)).map(fields);
  }

  private static List<String> tags(Validator v) {
    Object value = v.raw().getValue("tags");
    List<String> names = new ArrayList<>();
    if (value == null) {
      return names;
    }
    if (!(value instanceof JsonArray array)) {
      v.add("tags", "field.tags_list");
      return names;
    }
    if (array.size() > MAX_TAGS) {
      v.add("tags", "field.too_many_tags", new JsonObject().put("max", MAX_TAGS));
      return names;
    }
    for (Object item : array) {
      Validator one = Validator.of(new JsonObject().put("tag", item));
      String name = one.line("tag", 1, 50);
      if (name == null || !HAS_WORD.matcher(name).matches()) {
        v.add("tags", "field.tag_name");
        return names;
      }
      names.add(name);
    }
    return names;
  }
}
