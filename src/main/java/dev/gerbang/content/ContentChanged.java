package dev.gerbang.content;

import dev.gerbang.events.Event;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Public content changed: these articles' pages (and their comment threads), every public list too when
 * lists is set, or everything (a category or tag renamed or removed shows in every article and list).
 */
public record ContentChanged(List<String> slugs, boolean lists, boolean all) implements Event {
  public static final String ADDRESS = "gerbang.content.changed";

  public ContentChanged {
    slugs = List.copyOf(slugs);
  }

  public static ContentChanged article(String slug, boolean lists) {
    return new ContentChanged(List.of(slug), lists, false);
  }

  public static ContentChanged everything() {
    return new ContentChanged(List.of(), true, true);
  }

  @Override
  public String address() {
    return ADDRESS;
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("slugs", new JsonArray(slugs)).put("lists", lists).put("all", all);
  }

  public static ContentChanged fromJson(JsonObject json) {
    return new ContentChanged(json.getJsonArray("slugs", new JsonArray()).stream().map(String::valueOf).toList(),
        json.getBoolean("lists", false), json.getBoolean("all", false));
  }
}
