package dev.gerbang;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;

/** Assertions on RFC 9457 problem responses, shared by the test classes. */
public final class Problems {
  public static final String BASE = "https://gerbang.dev/problems/";

  private Problems() {
  }

  /**
   * Asserts the status, the problem+json shape, the type, the request id (the body's matches the header)
   * and that nothing internal leaks; answers the body.
   */
  public static JsonObject assertProblem(HttpResponse<Buffer> response, int status, String type) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertNoInternals(response.bodyAsString());
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.getString("type")).isEqualTo(BASE + type);
    assertThat(body.getInteger("status")).isEqualTo(status);
    assertThat(body.getString("title")).isNotBlank();
    assertThat(body.getString("detail")).isNotBlank();
    assertThat(body.getString("requestId")).isNotBlank().isEqualTo(response.getHeader("X-Request-Id"));
    assertThat(response.getHeader("Content-Language")).as("Content-Language").isIn("en", "id");
    assertThat(body.fieldNames()).isSubsetOf("type", "title", "status", "detail", "requestId", "errors");
    if (status == 401) {
      String challenge = response.getHeader("WWW-Authenticate");
      assertThat(challenge).startsWith("Bearer realm=\"gerbang\"");
      if (type.equals("invalid-token")) {
        assertThat(challenge).isEqualTo("Bearer realm=\"gerbang\", error=\"invalid_token\"");
      } else {
        assertThat(challenge).doesNotContain("error=");
      }
    }
    return body;
  }

  /** A 400 validation problem; answers the fields it lists, in order. */
  public static List<String> assertInvalid(HttpResponse<Buffer> response) {
    return fields(assertProblem(response, 400, "validation"));
  }

  /** A 400 invalid-cursor problem naming the cursor parameter; answers the body. */
  public static JsonObject assertInvalidCursor(HttpResponse<Buffer> response) {
    JsonObject problem = assertProblem(response, 400, "invalid-cursor");
    assertThat(problem.getString("title")).isEqualTo("Invalid cursor");
    assertThat(fields(problem)).containsExactly("cursor");
    return problem;
  }

  public static List<String> fields(JsonObject problem) {
    return problem.getJsonArray("errors", new JsonArray()).stream()
        .map(e -> ((JsonObject) e).getString("field")).toList();
  }

  /** The `rule` of each error on the given field (null where an error names none). */
  public static List<String> rules(JsonObject problem, String field) {
    return problem.getJsonArray("errors", new JsonArray()).stream().map(e -> (JsonObject) e)
        .filter(e -> field.equals(e.getString("field"))).map(e -> e.getString("rule")).toList();
  }

  /** No stack trace, exception class name, SQL or database error in what a client sees. */
  public static void assertNoInternals(String body) {
    assertThat(body == null ? "" : body)
        .doesNotContain("Exception", "\tat ", "at dev.gerbang", "at io.vertx", "java.", "SQLITE", "SELECT ", "INSERT ",
            "UPDATE ", "DELETE FROM", "PSQL", "ERROR:", "operator does not exist");
  }
}
