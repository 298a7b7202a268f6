package dev.gerbang.content.impl;

import java.util.List;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;

/**
 * Article bodies: Markdown rendered by commonmark, then cleaned by the OWASP sanitizer with an allow-list.
 * Two layers on purpose: commonmark escapes raw HTML and drops unsafe link schemes, and the sanitizer keeps
 * only known-safe elements, attributes and URL schemes (http, https, mailto) whatever the renderer emits.
 */
final class Markdown {
  private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());
  private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
  private static final HtmlRenderer RENDERER = HtmlRenderer.builder().extensions(EXTENSIONS)
      .escapeHtml(true).sanitizeUrls(true).build();
  private static final PolicyFactory POLICY = Sanitizers.FORMATTING
      .and(Sanitizers.BLOCKS)
      .and(Sanitizers.LINKS)
      .and(Sanitizers.IMAGES)
      .and(Sanitizers.TABLES)
      .and(new HtmlPolicyBuilder()
          .allowElements("pre", "code", "hr", "br", "del")
          .allowAttributes("class").matching(java.util.regex.Pattern.compile("language-[A-Za-z0-9_+-]{1,30}")).onElements("code")
          .toFactory());

  private Markdown() {
  }

  /** Safe HTML for a Markdown text; thread-safe (parser, renderer and policy are immutable). */
  static String toSafeHtml(String markdown) {
    return POLICY.sanitize(RENDERER.render(PARSER.parse(markdown)));
  }

  /**
   * Stored HTML through today's policy again, on every read: a policy made stricter reaches the rows written
   * under an older one at once, with no migration. Public pages are cached, so the cost is paid once per change.
   */
  static String sanitizeStored(String html) {
    return html == null ? null : POLICY.sanitize(html);
  }
}
