package dev.gerbang.content;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gerbang.TestServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;

/** Shared steps of the content tests: sessions by role, and articles written through the API. */
final class Content {
  private final TestServer server;

  Content(TestServer server) {
    this.server = server;
  }

  /** The access token of a new account with these roles. */
  String token(String... roles) {
    return server.newSessionWithRoles(roles).getString("accessToken");
  }

  /** {token, userId} of a new account with these roles. */
  JsonObject session(String... roles) {
    JsonObject session = server.newSessionWithRoles(roles);
    return new JsonObject().put("token", session.getString("accessToken"))
        .put("userId", session.getJsonObject("user").getString("id"));
  }

  static JsonObject article(String title) {
    return new JsonObject().put("title", title).put("body", "Body of *" + title + "*.");
  }

  /** Creates an article (201 expected) and answers it. */
  JsonObject create(String token, JsonObject article) {
    HttpResponse<Buffer> response = server.post("/api/articles", token, article);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return response.bodyAsJsonObject();
  }

  JsonObject publish(String token, JsonObject article) {
    return create(token, article.copy().put("status", "published"));
  }

  HttpResponse<Buffer> patch(String path, String token, JsonObject body) {
    return server.send(HttpMethod.PATCH, path, token, body);
  }

  HttpResponse<Buffer> delete(String path, String token) {
    return server.send(HttpMethod.DELETE, path, token, null);
  }

  HttpResponse<Buffer> put(String path, String token) {
    return server.send(HttpMethod.PUT, path, token, null);
  }

  /** GET expecting 200: the JSON body. */
  JsonObject get(String path, String token) {
    HttpResponse<Buffer> response = server.get(path, token);
    assertThat(response.statusCode()).as(path + " " + response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  /** The response, once its status is the expected one: for a set-up request a later assertion relies on. */
  static HttpResponse<Buffer> expect(int status, HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    return response;
  }

  static java.util.List<String> slugs(JsonObject page) {
    return page.getJsonArray("items").stream().map(item -> ((JsonObject) item).getString("slug")).toList();
  }

  static java.util.List<String> fieldsOf(HttpResponse<Buffer> problem) {
    JsonArray errors = problem.bodyAsJsonObject().getJsonArray("errors", new JsonArray());
    return errors.stream().map(e -> ((JsonObject) e).getString("field")).toList();
  }
}
