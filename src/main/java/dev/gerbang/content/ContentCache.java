package dev.gerbang.content;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.gerbang.auth.SessionGate;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The public content responses (published article pages, published article lists) that this node keeps in
 * memory: one per node, shared by every HTTP event loop, holding the encoded body and its ETag.
 *
 * <p>Invalidation is precise per article page ("article:" + slug) and wholesale for lists ("list:" + query),
 * because any change to a published article can move it in or out of any page of any list. A write clears the
 * entries on this node before its response is sent, so the very next read sees it on any event loop, and
 * publishes the change on the event bus for the other nodes. A read that started before a write never stores
 * what it read after that write's invalidation: every invalidation bumps a version, and {@link #put} drops
 * its entry again when the version moved while it was reading.
 */
public final class ContentCache {
  /** Published on every content write: {slugs:[...], lists:bool} or {all:true}. */
  public static final String CHANGED = "gerbang.content.changed";
  /** Safety net only (writes invalidate at once): bounds how long a change made outside the API can linger. */
  private static final Duration MAX_AGE = Duration.ofMinutes(10);

  /** A cached response: the JSON body and its strong ETag. */
  public static final class Entry {
    private final Buffer body;
    private final String etag;

    private Entry(Buffer body, String etag) {
      this.body = body;
      this.etag = etag;
    }

    public static Entry of(JsonObject json) {
      Buffer body = json.toBuffer();
      return new Entry(body, etagOf(body));
    }

    public Buffer body() {
      return body;
    }

    public String etag() {
      return etag;
    }
  }

  private final Vertx vertx;
  private final Cache<String, Entry> cache;
  private final AtomicLong version = new AtomicLong();

  public ContentCache(Vertx vertx, int maxEntries) {
    this.vertx = vertx;
    this.cache = Caffeine.newBuilder().maximumSize(maxEntries).expireAfterWrite(MAX_AGE).build();
  }

  /**
   * Listens for content changes made on other nodes (and, harmlessly, this one), and for account changes:
   * a renamed or deleted account changes the author names, articles and comments that cached responses show.
   * Those arrive asynchronously, so they are seen within the event bus latency rather than on the next read.
   */
  public List<MessageConsumer<JsonObject>> listen() {
    return List.of(
        vertx.eventBus().consumer(CHANGED, message -> forgetLocally(message.body())),
        vertx.eventBus().<JsonObject>consumer(SessionGate.CHANGED, message -> {
          if (message.body() != null && message.body().getString("userId") != null) {
            forgetLocally(new JsonObject().put("all", true));
          }
        }));
  }

  public static String articleKey(String slug) {
    return "article:" + slug;
  }

  public static String listKey(JsonObject query) {
    return "list:" + new JsonObject(new java.util.TreeMap<>(query.getMap())).encode();
  }

  public Entry get(String key) {
    return cache.getIfPresent(key);
  }

  /** The version to pass to {@link #put}: read it before querying. */
  public long version() {
    return version.get();
  }

  public void put(String key, long versionBeforeRead, Entry entry) {
    cache.put(key, entry);
    if (version.get() != versionBeforeRead) {
      cache.invalidate(key);
    }
  }

  /** An article changed: its page, and every list too when it is or was public. */
  public void articleChanged(String slug, boolean lists) {
    publish(new JsonObject().put("slugs", new JsonArray(List.of(slug))).put("lists", lists));
  }

  /** Categories or tags were renamed or removed: they show in every article and list. */
  public void everythingChanged() {
    publish(new JsonObject().put("all", true));
  }

  private void publish(JsonObject change) {
    forgetLocally(change);
    vertx.eventBus().publish(CHANGED, change);
  }

  private void forgetLocally(JsonObject change) {
    version.incrementAndGet();
    if (change.getBoolean("all", false)) {
      cache.invalidateAll();
      return;
    }
    change.getJsonArray("slugs", new JsonArray()).forEach(slug -> cache.invalidate(articleKey(String.valueOf(slug))));
    if (change.getBoolean("lists", false)) {
      cache.asMap().keySet().removeIf(key -> key.startsWith("list:"));
    }
  }

  long size() {
    return cache.estimatedSize();
  }

  static String etagOf(Buffer body) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(body.getBytes());
      return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 18)) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
