package dev.gerbang.http;

import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which language answers a request: the signed-in user's own (their profile's locale), else the best of the
 * client's Accept-Language (RFC 9110 ranges with q-values, RFC 4647 lookup: id-ID matches id), else the default.
 * Only languages there are texts for count at each step.
 */
public final class Language {
  /** Context key under which authentication leaves the signed-in user's locale. */
  public static final String USER_LOCALE = "gerbang.userLocale";

  private Language() {
  }

  /** The language for this request among the available ones. */
  public static String of(RoutingContext ctx, Set<String> available, String fallback) {
    String user = ctx.get(USER_LOCALE);
    if (user != null && available.contains(user)) {
      return user;
    }
    String accepted = negotiate(ctx.request().getHeader("Accept-Language"), available);
    return accepted != null ? accepted : fallback;
  }

  /** The best available language for an Accept-Language value, or null when none is acceptable or it is malformed. */
  public static String negotiate(String acceptLanguage, Set<String> available) {
    if (acceptLanguage == null || acceptLanguage.isBlank() || acceptLanguage.length() > 1000) {
      return null;
    }
    List<Locale.LanguageRange> ranges;
    try {
      ranges = Locale.LanguageRange.parse(acceptLanguage);
    } catch (IllegalArgumentException malformed) {
      return null;
    }
    List<Locale> locales = available.stream().map(Locale::forLanguageTag).toList();
    Locale best = Locale.lookup(ranges, locales);
    return best == null ? null : best.getLanguage();
  }
}
