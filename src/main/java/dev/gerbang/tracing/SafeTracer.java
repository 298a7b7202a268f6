package dev.gerbang.tracing;

import io.vertx.core.Context;
import io.vertx.core.spi.tracing.SpanKind;
import io.vertx.core.spi.tracing.TagExtractor;
import io.vertx.core.spi.tracing.VertxTracer;
import io.vertx.core.tracing.TracingPolicy;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * Vert.x's tracer with what a span may not hold taken out of its attributes: URLs lose their query string (a
 * verification link's token, an access_token a provider's API takes there) and any user:password, and url.query is
 * not recorded, as the access log never writes the query. Headers and bodies are never attributes. Closing it
 * closes the SDK behind it.
 */
final class SafeTracer implements VertxTracer<Object, Object> {
  private static final Pattern USER_INFO = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)[^/?#@]*@");

  private final VertxTracer<Object, Object> tracer;
  private final Runnable onClose;

  @SuppressWarnings("unchecked")
  SafeTracer(VertxTracer<?, ?> tracer, Runnable onClose) {
    this.tracer = (VertxTracer<Object, Object>) tracer;
    this.onClose = onClose;
  }

  @Override
  public <R> Object receiveRequest(Context context, SpanKind kind, TracingPolicy policy, R request, String operation,
                                   Iterable<Map.Entry<String, String>> headers, TagExtractor<R> tags) {
    return tracer.receiveRequest(context, kind, policy, request, operation, headers, safe(tags));
  }

  @Override
  public <R> void sendResponse(Context context, R response, Object payload, Throwable failure, TagExtractor<R> tags) {
    tracer.sendResponse(context, response, payload, failure, safe(tags));
  }

  @Override
  public <R> Object sendRequest(Context context, SpanKind kind, TracingPolicy policy, R request, String operation,
                                BiConsumer<String, String> headers, TagExtractor<R> tags) {
    return tracer.sendRequest(context, kind, policy, request, operation, headers, safe(tags));
  }

  @Override
  public <R> void receiveResponse(Context context, R response, Object payload, Throwable failure, TagExtractor<R> tags) {
    tracer.receiveResponse(context, response, payload, failure, safe(tags));
  }

  @Override
  public void close() {
    try {
      tracer.close();
    } finally {
      onClose.run();
    }
  }

  static String withoutSecrets(String url) {
    int end = url.length();
    for (char c : new char[] {'?', '#'}) {
      int at = url.indexOf(c);
      if (at >= 0 && at < end) {
        end = at;
      }
    }
    return USER_INFO.matcher(url.substring(0, end)).replaceFirst("$1");
  }

  private static <R> TagExtractor<R> safe(TagExtractor<R> tags) {
    return tags == null ? null : new SafeTags<>(tags);
  }

  /** The tags of a request or response without url.query, with the URLs cut as above. */
  private record SafeTags<R>(TagExtractor<R> tags) implements TagExtractor<R> {
    private static final String DROPPED = "url.query";

    @Override
    public int len(R obj) {
      int len = 0;
      for (int i = 0; i < tags.len(obj); i++) {
        if (!DROPPED.equals(tags.name(obj, i))) {
          len++;
        }
      }
      return len;
    }

    @Override
    public String name(R obj, int index) {
      return tags.name(obj, kept(obj, index));
    }

    @Override
    public String value(R obj, int index) {
      int at = kept(obj, index);
      String name = tags.name(obj, at);
      String value = tags.value(obj, at);
      return value != null && (name.equals("http.url") || name.equals("url.full")) ? withoutSecrets(value) : value;
    }

    /** The index among all tags of the index-th one kept. */
    private int kept(R obj, int index) {
      int seen = -1;
      for (int i = 0; i < tags.len(obj); i++) {
        if (!DROPPED.equals(tags.name(obj, i)) && ++seen == index) {
          return i;
        }
      }
      throw new IndexOutOfBoundsException("Invalid tag index " + index);
    }
  }
}
