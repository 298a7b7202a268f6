package dev.gerbang.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gerbang.TestServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

  /**
   * A contract clients are generated from: the served document parses and validates with swagger-parser (an
   * implementation independent of ours) without one message, and every operation has a unique operationId, tags
   * that the document declares and describes, and a security declaration (`[]` where it is public).
   */
  @Test
  void theDocumentValidatesWithSwaggerParserAndEveryOperationHasAnIdTagsAndSecurity() {
    String text = server.get("/api/openapi.json", null).bodyAsString();
    ParseOptions options = new ParseOptions();
    options.setResolve(true);

    SwaggerParseResult result = new OpenAPIV3Parser().readContents(text, null, options);

    assertThat(result.getMessages()).as("swagger-parser messages").isEmpty();
    OpenAPI api = result.getOpenAPI();
    assertThat(api).isNotNull();
    Map<String, String> tagDescriptions = new HashMap<>();
    api.getTags().forEach(tag -> tagDescriptions.put(tag.getName(), tag.getDescription()));
    assertThat(tagDescriptions.values()).as("tag descriptions").allSatisfy(d -> assertThat(d).isNotBlank());
    Set<String> ids = new HashSet<>();
    int operations = 0;
    for (var path : api.getPaths().entrySet()) {
      for (var entry : path.getValue().readOperationsMap().entrySet()) {
        Operation operation = entry.getValue();
        String name = entry.getKey() + " " + path.getKey();
        operations++;
        assertThat(operation.getOperationId()).as(name + " operationId").isNotBlank().matches("[a-z][A-Za-z0-9]*");
        assertThat(ids.add(operation.getOperationId())).as(name + " operationId is unique").isTrue();
        assertThat(operation.getTags()).as(name + " tags").isNotEmpty();
        assertThat(tagDescriptions).as(name + " tags are declared").containsKeys(operation.getTags().toArray(String[]::new));
        assertThat(operation.getSecurity()).as(name + " declares its security, [] when public").isNotNull();
      }
    }
    JsonObject paths = new JsonObject(text).getJsonObject("paths");
    assertThat(operations).as("every operation was looked at")
        .isEqualTo(paths.fieldNames().stream().mapToInt(path -> paths.getJsonObject(path).size()).sum());
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
