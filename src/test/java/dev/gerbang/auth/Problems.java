package dev.gerbang.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;

/** Assertions on problem+json answers, shared by the auth tests. */
final class Problems {
  static final String TYPE_BASE = "https://gerbang.dev/problems/";

  private Problems() {
  }

  /**
   * Asserts the exact status and problem type, the media type, the WWW-Authenticate challenge of a 401, and
   * that the body leaks no stack trace or exception class. Answers the body.
   */
  static JsonObject assertProblem(HttpResponse<Buffer> response, int status, String type) {
    String text = response.bodyAsString();
    assertThat(response.statusCode()).as("status of %s", text).isEqualTo(status);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertNoLeak(text);
    JsonObject body = new JsonObject(text);
    assertThat(body.getString("type")).isEqualTo(TYPE_BASE + type);
    assertThat(body.getInteger("status")).isEqualTo(status);
    assertThat(body.getString("requestId")).isNotBlank();
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

  /** No stack trace, exception class or SQL in a body meant for clients. */
  static void assertNoLeak(String body) {
    assertThat(body == null ? "" : body)
        .doesNotContain("Exception")
        .doesNotContain("\tat ")
        .doesNotContain("at dev.gerbang")
        .doesNotContain("at io.vertx")
        .doesNotContain("java.")
        .doesNotContainIgnoringCase("select ")
        .doesNotContainIgnoringCase("sqlite");
  }

  /** The field names of a validation problem's errors, in order. */
  static List<String> fields(JsonObject problem) {
    return problem.getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("field")).toList();
  }

  /** The rules of the errors a validation problem lists for one field, in order (null where none is named). */
  static List<String> rules(JsonObject problem, String field) {
    return problem.getJsonArray("errors").stream().map(e -> (JsonObject) e)
        .filter(e -> field.equals(e.getString("field"))).map(e -> e.getString("rule")).toList();
  }
}
