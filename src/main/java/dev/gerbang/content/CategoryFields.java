package dev.gerbang.content;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/**
 * The fields of a category a write gives: on create its name, and its slug (null: made from the name) and
 * description (null for none); on update a new name (null keeps it) and, when {@link #describes}, a new
 * description (null clears it).
 */
@DataObject
public final class CategoryFields {
  private final String name;
  private final String slug;
  private final String description;
  private final boolean describes;

  private CategoryFields(String name, String slug, String description, boolean describes) {
    this.name = name;
    this.slug = slug;
    this.description = description;
    this.describes = describes;
  }

  public CategoryFields(JsonObject json) {
    this(json.getString("name"), json.getString("slug"), json.getString("description"), json.containsKey("description"));
  }

  /** A new category. */
  public static CategoryFields create(String name, String slug, String description) {
    return new CategoryFields(name, slug, description, true);
  }

  /** A change: a new name, or null; a new description when describes, null clearing it. */
  public static CategoryFields change(String name, boolean describes, String description) {
    return new CategoryFields(name, null, describes ? description : null, describes);
  }

  /** Only the fields given: a description key only when it is given, so that null still clears it. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("name", name).put("slug", slug);
    return describes ? json.put("description", description) : json;
  }

  public String name() {
    return name;
  }

  public String slug() {
    return slug;
  }

  public String description() {
    return description;
  }

  /** Whether the write sets the description (to null, too). */
  public boolean describes() {
    return describes;
  }
}
