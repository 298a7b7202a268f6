package dev.gerbang.content;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The fields of an article that a write gives: on create title and body at least (and status, draft when not
 * given); on update only those it changes, where a given null clears the summary or the category. The JSON holds
 * exactly the fields given, so that "cleared" and "left as it is" stay apart on the event bus.
 */
@DataObject
public final class ArticleFields {
  /** The fields, by their names in the API. */
  public enum Field {
    TITLE("title"), SUMMARY("summary"), BODY("body"), CATEGORY("category"), TAGS("tags"), STATUS("status");

    private final String json;

    Field(String json) {
      this.json = json;
    }
  }

  private final Set<Field> given;
  private final String title;
  private final String summary;
  private final String body;
  private final String category;
  private final List<String> tags;
  private final ArticleStatus status;

  private ArticleFields(Builder b) {
    this.given = b.given.isEmpty() ? Set.of() : EnumSet.copyOf(b.given);
    this.title = b.title;
    this.summary = b.summary;
    this.body = b.body;
    this.category = b.category;
    this.tags = b.tags == null ? List.of() : List.copyOf(b.tags);
    this.status = b.status;
  }

  public ArticleFields(JsonObject json) {
    this(read(json));
  }

  private static Builder read(JsonObject json) {
    Builder b = builder();
    if (json.containsKey(Field.TITLE.json)) {
      b.title(json.getString(Field.TITLE.json));
    }
    if (json.containsKey(Field.SUMMARY.json)) {
      b.summary(json.getString(Field.SUMMARY.json));
    }
    if (json.containsKey(Field.BODY.json)) {
      b.body(json.getString(Field.BODY.json));
    }
    if (json.containsKey(Field.CATEGORY.json)) {
      b.category(json.getString(Field.CATEGORY.json));
    }
    if (json.containsKey(Field.TAGS.json)) {
      b.tags(json.getJsonArray(Field.TAGS.json, new JsonArray()).stream().map(String::valueOf).toList());
    }
    if (json.containsKey(Field.STATUS.json)) {
      String status = json.getString(Field.STATUS.json);
      b.status(status == null ? null : ArticleStatus.fromJson(status));
    }
    return b;
  }

  public static Builder builder() {
    return new Builder();
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    for (Field field : given) {
      json.put(field.json, switch (field) {
        case TITLE -> title;
        case SUMMARY -> summary;
        case BODY -> body;
        case CATEGORY -> category;
        case TAGS -> new JsonArray(tags);
        case STATUS -> status == null ? null : status.json();
      });
    }
    return json;
  }

  /** Whether the write gives this field (a null included). */
  public boolean has(Field field) {
    return given.contains(field);
  }

  public String title() {
    return title;
  }

  public String summary() {
    return summary;
  }

  public String body() {
    return body;
  }

  /** The category's slug; null for none. */
  public String category() {
    return category;
  }

  /** The tag names; empty when not given. */
  public List<String> tags() {
    return tags;
  }

  /** The status to create the article in; null when not given. */
  public ArticleStatus status() {
    return status;
  }

  /** Gives fields one by one: each one set is given, a null included. */
  public static final class Builder {
    private final Set<Field> given = EnumSet.noneOf(Field.class);
    private String title;
    private String summary;
    private String body;
    private String category;
    private List<String> tags;
    private ArticleStatus status;

    private Builder() {
    }

    public Builder title(String title) {
      this.title = title;
      given.add(Field.TITLE);
      return this;
    }

    public Builder summary(String summary) {
      this.summary = summary;
      given.add(Field.SUMMARY);
      return this;
    }

    public Builder body(String body) {
      this.body = body;
      given.add(Field.BODY);
      return this;
    }

    public Builder category(String category) {
      this.category = category;
      given.add(Field.CATEGORY);
      return this;
    }

    public Builder tags(List<String> tags) {
      this.tags = tags;
      given.add(Field.TAGS);
      return this;
    }

    public Builder status(ArticleStatus status) {
      this.status = status;
      given.add(Field.STATUS);
      return this;
    }

    public ArticleFields build() {
      return new ArticleFields(this);
    }
  }
}
