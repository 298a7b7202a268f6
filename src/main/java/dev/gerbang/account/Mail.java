package dev.gerbang.account;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/**
 * One email to queue in the outbox: to whom, which template in which language, and the template's variables
 * (never a secret: a link is named by its token id and path, and the notify verticle derives the token).
 */
@DataObject
public final class Mail {
  private final String recipient;
  private final String template;
  private final String locale;
  private final JsonObject variables;

  public Mail(String recipient, String template, String locale, JsonObject variables) {
    this.recipient = recipient;
    this.template = template;
    this.locale = locale;
    this.variables = variables == null ? new JsonObject() : variables;
  }

  public Mail(JsonObject json) {
    this(json.getString("recipient"), json.getString("template"), json.getString("locale"), json.getJsonObject("variables"));
  }

  /** The outbox's form: {recipient, template, locale, variables}. */
  public JsonObject toJson() {
    return new JsonObject().put("recipient", recipient).put("template", template).put("locale", locale)
        .put("variables", variables.copy());
  }

  public String recipient() {
    return recipient;
  }

  public String template() {
    return template;
  }

  public String locale() {
    return locale;
  }

  /** The template's variables: free-form, as each template names them. */
  public JsonObject variables() {
    return variables.copy();
  }
}
