package dev.gerbang.content;

import io.vertx.codegen.annotations.VertxGen;
import java.util.Locale;

/** Whether an article is a draft (its author and editors see it) or published (everyone does). */
@VertxGen
public enum ArticleStatus {
  DRAFT, PUBLISHED;

  /** Its name in the API: draft, published. */
  public String json() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ArticleStatus fromJson(String json) {
    return valueOf(json.toUpperCase(Locale.ROOT));
  }
}
