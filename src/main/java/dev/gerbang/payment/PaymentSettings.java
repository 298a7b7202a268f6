package dev.gerbang.payment;

import dev.gerbang.config.AppConfig;
import dev.gerbang.config.ConfigException;
import dev.gerbang.config.ConfigReader;

/**
 * The payment settings, read once at start-up. A provider is switched on by its key alone (midtrans.serverKey;
 * stripe.secretKey with stripe.webhookSecret); without it the provider answers 503 and the app still starts.
 * Midtrans' two hosts (Snap and the Core API, where the status is asked) follow midtrans.environment (sandbox or
 * production) unless midtrans.baseUrl / midtrans.apiUrl name others (a local stand-in in the tests).
 */
public record PaymentSettings(String publicUrl, int orderTtlMinutes, int timeoutMs, String midtransServerKey, String midtransSnapUrl,
                              String midtransApiUrl, String stripeSecretKey, String stripeWebhookSecret, String stripeApiBase) {
  public static PaymentSettings from(AppConfig core) {
    ConfigReader config = core.reader();
    String environment = config.string("midtrans.environment");
    if (!environment.equals("sandbox") && !environment.equals("production")) {
      throw new ConfigException(ConfigReader.envName("midtrans.environment") + ": must be sandbox or production, got '" + environment + "'");
    }
    boolean sandbox = environment.equals("sandbox");
    String snap = url(config, "midtrans.baseUrl", sandbox ? "https://app.sandbox.midtrans.com" : "https://app.midtrans.com");
    String api = url(config, "midtrans.apiUrl", sandbox ? "https://api.sandbox.midtrans.com" : "https://api.midtrans.com");
    String stripeSecret = config.string("stripe.secretKey");
    String webhookSecret = config.string("stripe.webhookSecret");
    if (!stripeSecret.isEmpty() && webhookSecret.isEmpty()) {
      throw new ConfigException(ConfigReader.envName("stripe.webhookSecret")
          + ": must be set with " + ConfigReader.envName("stripe.secretKey") + " (the webhooks cannot be verified without it)");
    }
    return new PaymentSettings(core.publicUrl(), config.intIn("payments.orderTtlMinutes", 5, 24 * 60),
        config.intIn("payments.providerTimeoutMs", 500, 60_000), config.string("midtrans.serverKey"), snap, api,
        stripeSecret, webhookSecret, url(config, "stripe.apiBase", "https://api.stripe.com"));
  }

  private static String url(ConfigReader config, String path, String otherwise) {
    String value = config.string(path);
    if (value.isEmpty()) {
      return otherwise;
    }
    if (!value.matches("https?://[^\\s]+")) {
      throw new ConfigException(ConfigReader.envName(path) + ": must be an http(s) URL, got '" + value + "'");
    }
    return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
  }

  public boolean midtransEnabled() {
    return !midtransServerKey.isEmpty();
  }

  public boolean stripeEnabled() {
    return !stripeSecretKey.isEmpty();
  }

  /** Never the keys: the record's default toString would print them into a log. */
  @Override
  public String toString() {
    return "PaymentSettings[midtrans=" + midtransEnabled() + ", stripe=" + stripeEnabled() + "]";
  }
}
