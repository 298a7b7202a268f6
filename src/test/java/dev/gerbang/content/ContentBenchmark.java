package dev.gerbang.content;

import dev.gerbang.TestServer;
import dev.gerbang.events.Events;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;

/**
 * The content benchmark (docs/benchmarks.md): a real server on SQLite with 100,000 articles (3 tags each,
 * 2 comments on average), then the median and p99 latency of four public reads, uncached (the content cache
 * is cleared before every request) and cached, measured by a keep-alive HTTP client in the same JVM, one
 * request at a time. Run: `mvn -B -Pbench test-compile exec:java` (optionally -Dbench.articles=N -Dbench.requests=N, and -Dbench.dir=DIR to keep
 * the data for another run).
 * Not a test: it never runs in `mvn verify`.
 */
public final class ContentBenchmark {
  private static final int CATEGORIES = 12;
  private static final int TAGS = 60;
  private static final int AUTHORS = 20;
  private static final String[] VOCABULARY = vocabulary(3000);

  private ContentBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    int articles = Integer.getInteger("bench.articles", 100_000);
    int requests = Integer.getInteger("bench.requests", 1000);
    String dir = System.getProperty("bench.dir");
    // The rate limiter is off: this measures the reads, not the 429s it (rightly) answers to thousands of
    // requests a second from one address.
    io.vertx.core.json.JsonObject config = new io.vertx.core.json.JsonObject()
        .put("rateLimit", new io.vertx.core.json.JsonObject().put("enabled", false));
    try (TestServer server = dir == null ? TestServer.start(config) : TestServer.startOn(java.nio.file.Path.of(dir), config)) {
      String file = server.dataDir().resolve("gerbang.db").toString();
      if (count(file) == 0) {
        long started = System.nanoTime();
        load(file, articles);
        System.out.printf("loaded %,d articles in %.1f s%n", articles, (System.nanoTime() - started) / 1e9);
      }
      Events events = server.gerbang().components().events();
      Random random = new Random(7);
      List<String[]> scenarios = List.of(
          new String[] {"first page of the public list", "list"},
          new String[] {"filtered list (tag + category)", "filter"},
          new String[] {"full-text search (one word)", "search"},
          new String[] {"article page", "article"});
      System.out.printf("%-34s %12s %12s %12s %12s%n", "request", "uncached p50", "uncached p99", "cached p50", "cached p99");
      for (String[] scenario : scenarios) {
        IntFunction<String> path = i -> path(scenario[1], random, articles, i);
        double[] uncached = measure(server, requests, path, events, true);
        double[] cached = measure(server, requests, i -> path(scenario[1], new Random(i % 50), articles, i % 50), events, false);
        System.out.printf("%-34s %9.2f ms %9.2f ms %9.2f ms %9.2f ms%n", scenario[0], uncached[0], uncached[1], cached[0], cached[1]);
      }
    }
    System.exit(0);
  }

  private static String path(String kind, Random random, int articles, int i) {
    return switch (kind) {
      case "list" -> "/api/articles";
      case "filter" -> "/api/articles?tag=tag-" + random.nextInt(TAGS) + "&category=category-" + random.nextInt(CATEGORIES);
      case "search" -> "/api/articles?q=" + VOCABULARY[random.nextInt(VOCABULARY.length)];
      default -> {
        int n = random.nextInt(articles);
        yield "/api/articles/article-" + (n % 10 == 0 ? n + 1 : n);
      }
    };
  }

  /** {median, p99} in milliseconds, after a warm-up of a tenth of the requests. */
  private static double[] measure(TestServer server, int requests, IntFunction<String> path, Events events, boolean clear) {
    double[] millis = new double[requests];
    for (int i = -requests / 10; i < requests; i++) {
      if (clear) {
        events.announce(ContentChanged.everything());
      }
      // Warm-up requests take the paths of the last tenth, so that a cached pass warms every key it measures.
      String p = path.apply(i < 0 ? i + requests : i);
      long t = System.nanoTime();
      HttpResponse<Buffer> response = server.get(p, null);
      long elapsed = System.nanoTime() - t;
      if (response.statusCode() != 200) {
        throw new IllegalStateException(p + ": " + response.statusCode() + " " + response.bodyAsString());
      }
      if (i >= 0) {
        millis[i] = elapsed / 1e6;
      }
    }
    Arrays.sort(millis);
    return new double[] {millis[requests / 2], millis[(int) Math.ceil(requests * 0.99) - 1]};
  }

  private static long count(String file) throws SQLException {
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
         var rows = db.createStatement().executeQuery("SELECT COUNT(*) FROM articles")) {
      return rows.next() ? rows.getLong(1) : 0;
    }
  }

  private static void load(String file, int articles) throws SQLException {
    Random random = new Random(42);
    long now = System.currentTimeMillis();
    long threeYears = 3L * 365 * 24 * 3600 * 1000;
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      db.setAutoCommit(false);
      try (Statement pragma = db.createStatement()) {
        pragma.execute("PRAGMA busy_timeout = 10000");
      }
      List<String> authors = new ArrayList<>();
      try (PreparedStatement users = db.prepareStatement(
          "INSERT INTO users (id, email, email_normalized, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)")) {
        for (int i = 0; i < AUTHORS; i++) {
          String id = dev.gerbang.db.Ids.newId();
          authors.add(id);
          users.setString(1, id);
          users.setString(2, "author" + i + "@bench.example");
          users.setString(3, "author" + i + "@bench.example");
          users.setString(4, "Author " + i);
          users.setLong(5, now);
          users.setLong(6, now);
          users.addBatch();
        }
        users.executeBatch();
      }
      String[] categoryIds = insertNamed(db, "INSERT INTO categories (id, slug, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
          "category", CATEGORIES, now, true);
      String[] tagIds = insertNamed(db, "INSERT INTO tags (id, slug, name, created_at) VALUES (?, ?, ?, ?)", "tag", TAGS, now, false);
      try (PreparedStatement article = db.prepareStatement("INSERT INTO articles (id, slug, title, title_sort, summary, body, html,"
              + " status, author_id, category_id, published_at, listed_at, like_count, created_at, updated_at)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
           PreparedStatement tag = db.prepareStatement("INSERT INTO article_tags (article_id, tag_id) VALUES (?, ?)");
           PreparedStatement comment = db.prepareStatement("INSERT INTO comments (id, article_id, author_id, body, status,"
               + " created_at, updated_at) VALUES (?, ?, ?, ?, 'visible', ?, ?)")) {
        for (int i = 0; i < articles; i++) {
          String id = dev.gerbang.db.Ids.newId();
          String title = "Article " + i + " " + words(random, 5);
          String body = words(random, 80);
          long at = now - (long) (random.nextDouble() * threeYears);
          boolean published = i % 10 != 0;
          article.setString(1, id);
          article.setString(2, "article-" + i);
          article.setString(3, title);
          article.setString(4, title.toLowerCase(java.util.Locale.ROOT));
          article.setString(5, words(random, 12));
          article.setString(6, body);
          article.setString(7, "<p>" + body + "</p>\n");
          article.setString(8, published ? "published" : "draft");
          article.setString(9, authors.get(random.nextInt(AUTHORS)));
          article.setString(10, categoryIds[random.nextInt(CATEGORIES)]);
          article.setObject(11, published ? at : null);
          article.setLong(12, at);
          article.setInt(13, random.nextInt(500));
          article.setLong(14, at);
          article.setLong(15, at);
          article.addBatch();
          int first = random.nextInt(TAGS);
          for (int t = 0; t < 3; t++) {
            tag.setString(1, id);
            tag.setString(2, tagIds[(first + t * 7) % TAGS]);
            tag.addBatch();
          }
          for (int c = random.nextInt(5); c > 0; c--) {
            comment.setString(1, dev.gerbang.db.Ids.newId());
            comment.setString(2, id);
            comment.setString(3, authors.get(random.nextInt(AUTHORS)));
            comment.setString(4, words(random, 20));
            comment.setLong(5, at + c);
            comment.setLong(6, at + c);
            comment.addBatch();
          }
          if (i % 5000 == 4999) {
            article.executeBatch();
            tag.executeBatch();
            comment.executeBatch();
          }
        }
        article.executeBatch();
        tag.executeBatch();
        comment.executeBatch();
      }
      db.commit();
    }
  }

  private static String[] insertNamed(Connection db, String sql, String prefix, int n, long now, boolean updatedAt)
      throws SQLException {
    String[] ids = new String[n];
    try (PreparedStatement insert = db.prepareStatement(sql)) {
      for (int i = 0; i < n; i++) {
        ids[i] = dev.gerbang.db.Ids.newId();
        insert.setString(1, ids[i]);
        insert.setString(2, prefix + "-" + i);
        insert.setString(3, prefix + " " + i);
        insert.setLong(4, now);
        if (updatedAt) {
          insert.setLong(5, now);
        }
        insert.addBatch();
      }
      insert.executeBatch();
    }
    return ids;
  }

  private static String words(Random random, int n) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < n; i++) {
      text.append(i == 0 ? "" : " ").append(VOCABULARY[random.nextInt(VOCABULARY.length)]);
    }
    return text.toString();
  }

  /** Pronounceable made-up words ("kelatu"), all distinct. */
  private static String[] vocabulary(int n) {
    String consonants = "bdgklmnprstz";
    String vowels = "aeiou";
    java.util.LinkedHashSet<String> words = new java.util.LinkedHashSet<>();
    Random random = new Random(1);
    while (words.size() < n) {
      StringBuilder word = new StringBuilder();
      for (int s = 2 + random.nextInt(2); s > 0; s--) {
        word.append(consonants.charAt(random.nextInt(consonants.length()))).append(vowels.charAt(random.nextInt(vowels.length())));
      }
      words.add(word.toString());
    }
    return words.toArray(new String[0]);
  }
}
