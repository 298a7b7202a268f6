package dev.gerbang.content;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.gerbang.events.Events;
import dev.gerbang.user.UserChanged;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The public content responses (published article pages, published article lists) that this node keeps in
 * memory: one per node, shared by every HTTP event loop, holding the encoded body and its ETag.
 *
 * <p>Invalidation is precise per article page ("article:" + slug) and wholesale for lists ("list:" + query),
 * because any change to a published article can move it in or out of any page of any list. The content services
 * announce what each write changed ({@link ContentChanged}) once it committed; this node's cache hears it before
 * the service answers, so the very next read sees the write on any event loop, and the other nodes' caches hear
 * it over the event bus. The cache only listens: nothing calls it to forget. A read that started before a write
 * never stores what it read after that write's invalidation: every invalidation bumps a version, and
 * {@link #put} drops its entry again when the version moved while it was reading.
 */
public final class ContentCache {
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

  private final Events events;
  private final Cache<String, Entry> cache;
  private final AtomicLong version = new AtomicLong();

  /** maxBytes bounds the cached bodies (and their keys): the node's footprint, whatever queries are asked. */
  public ContentCache(Events events, long maxBytes) {
    this.events = events;
    this.cache = Caffeine.newBuilder()
        .maximumWeight(Math.max(maxBytes, 0))
        .<String, Entry>weigher((key, entry) -> key.length() + entry.etag().length() + entry.body().length())
        .expireAfterWrite(MAX_AGE)
        .build();
  }

  /**
   * Listens for content changes, and for account changes that show in content: a renamed or deleted account
   * changes the author names, articles and comments that cached responses show. On this node they are heard
   * before the write is answered; from other nodes within the event bus latency.
   */
  public void listen() {
    events.listen(ContentChanged.ADDRESS, ContentChanged::fromJson, this::forgetLocally);
    events.listen(UserChanged.ADDRESS, UserChanged::fromJson, changed -> {
      if (changed.affectsContent()) {
        forgetLocally(ContentChanged.everything());
      }
    });
  }

  public static String articleKey(String slug) {
    return "article:" + slug;
  }

  public static String listKey(ArticleQuery query) {
    return "list:" + new JsonObject(new java.util.TreeMap<>(query.toJson().getMap())).encode();
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

  private void forgetLocally(ContentChanged change) {
    version.incrementAndGet();
    if (change.all()) {
      cache.invalidateAll();
      return;
    }
    change.slugs().forEach(slug -> cache.invalidate(articleKey(slug)));
    if (change.lists()) {
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
