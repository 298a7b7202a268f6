package dev.gerbang.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gerbang.TestServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** /api/openapi.json documents every API route that exists, and nothing that does not. */
class OpenApiTest {
  private TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** "METHOD /api/path/{param}" for every route the API router really serves. */
  private List<String> servedOperations() {
    Router api = ApiRouter.create(server.gerbang().vertx(), server.gerbang().config(), server.gerbang().components().rateLimiter(),
        server.gerbang().features());
    List<String> operations = new ArrayList<>();
    for (Route route : api.getRoutes()) {
      if (route.getPath() == null || route.methods() == null) {
        continue;
      }
      String path = "/api" + route.getPath().replaceAll(":([A-Za-z0-9_]+)", "{$1}");
      for (HttpMethod method : route.methods()) {
        String operation = method.name() + " " + path;
        if (!operations.contains(operation)) {
          operations.add(operation);
        }
      }
    }
    return operations;
  }

  private static List<String> documentedOperations(JsonObject document) {
    List<String> operations = new ArrayList<>();
    JsonObject paths = document.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      if (path.startsWith("/api/")) {
        for (String method : paths.getJsonObject(path).fieldNames()) {
          operations.add(method.toUpperCase() + " " + path);
        }
      }
    }
    return operations;
  }

  @Test
  void theDocumentIsServedAsOpenApi31() {
    HttpResponse<Buffer> response = server.get("/api/openapi.json", null);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("Content-Type")).startsWith("application/json");
    JsonObject document = response.bodyAsJsonObject();
    assertThat(document.getString("openapi")).isEqualTo("3.1.0");
    assertThat(document.getJsonObject("components").getJsonObject("schemas").fieldNames()).contains("Problem", "User", "Page");
  }

  @Test
  void everyServedRouteIsDocumentedAndEveryDocumentedRouteIsServed() {
    List<String> served = servedOperations();
    List<String> documented = documentedOperations(server.get("/api/openapi.json", null).bodyAsJsonObject());

    assertThat(served).isNotEmpty();
    assertThat(documented).as("routes missing from openapi").containsAll(served);
    assertThat(served).as("documented routes that do not exist").containsAll(documented);
  }

  @Test
  void everySchemaReferenceResolves() {
    JsonObject document = server.get("/api/openapi.json", null).bodyAsJsonObject();
    String text = document.encode();
    JsonObject schemas = document.getJsonObject("components").getJsonObject("schemas");
    var matcher = java.util.regex.Pattern.compile("#/components/schemas/([A-Za-z0-9]+)").matcher(text);
    while (matcher.find()) {
      assertThat(schemas.containsKey(matcher.group(1))).as("schema " + matcher.group(1)).isTrue();
    }
  }

  @Test
  void everyOperationDocumentsTheRateLimitAndEveryBodyTheSizeLimit() {
    JsonObject paths = server.get("/api/openapi.json", null).bodyAsJsonObject().getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      if (!path.startsWith("/api/")) {
        continue;
      }
      JsonObject operations = paths.getJsonObject(path);
      for (String method : operations.fieldNames()) {
        JsonObject operation = operations.getJsonObject(method);
        JsonObject responses = operation.getJsonObject("responses");
        assertThat(responses.containsKey("429")).as(method + " " + path + " documents 429").isTrue();
        if (operation.containsKey("requestBody")) {
          assertThat(responses.containsKey("413")).as(method + " " + path + " documents 413").isTrue();
        }
      }
    }
  }
}
