package dev.gerbang.http;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Serves the OpenAPI 3.1 document. It lives in resources/openapi/: openapi.json holds the frame and shared
 * schemas, and each feature keeps its own fragment (its paths and schemas), listed in fragments.json, so a
 * feature documents itself beside the others. They are merged once, at class load.
 */
public final class OpenApi implements Handler<RoutingContext> {
  private static final JsonObject DOCUMENT = load();
  private static final Buffer BYTES = DOCUMENT.toBuffer();

  /** The merged document (a copy). */
  public static JsonObject document() {
    return DOCUMENT.copy();
  }

  /** Writes the merged document to the file named: the build's api-client profile generates a client from it. */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: OpenApi FILE");
    }
    Path file = Path.of(args[0]).toAbsolutePath();
    Files.createDirectories(file.getParent());
    Files.writeString(file, DOCUMENT.encodePrettily(), StandardCharsets.UTF_8);
  }

  private static JsonObject load() {
    JsonObject document = read("openapi");
    JsonObject paths = document.getJsonObject("paths");
    JsonObject schemas = document.getJsonObject("components").getJsonObject("schemas");
    JsonArray fragments = new JsonArray(readText("fragments"));
    for (Object name : fragments) {
      JsonObject fragment = read(String.valueOf(name));
      fragment.getJsonObject("paths", new JsonObject()).forEach(path -> {
        if (paths.containsKey(path.getKey())) {
          throw new IllegalStateException("openapi/" + name + ".json repeats the path " + path.getKey());
        }
        paths.put(path.getKey(), path.getValue());
      });
      JsonObject components = fragment.getJsonObject("components", new JsonObject());
      components.getJsonObject("schemas", new JsonObject()).forEach(schema -> schemas.put(schema.getKey(), schema.getValue()));
    }
    return document;
  }

  private static JsonObject read(String name) {
    return new JsonObject(readText(name));
  }

  private static String readText(String name) {
    String resource = "/openapi/" + name + ".json";
    try (InputStream in = OpenApi.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void handle(RoutingContext ctx) {
    ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
        .end(BYTES);
  }
}
