package dev.gerbang.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.gerbang.TestServer;
import dev.gerbang.config.AppConfig;
import dev.gerbang.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The payment settings from the environment: keys switch providers on, bad values stop the start naming their variable. */
class PaymentSettingsTest {
  private Path workDir;

  @BeforeEach
  void createWorkDir() throws Exception {
    workDir = Files.createTempDirectory("gerbang-payments-config");
  }

  @AfterEach
  void deleteWorkDir() {
    TestServer.deleteTree(workDir);
  }

  private PaymentSettings load(String... env) {
    Map<String, String> map = new HashMap<>();
    for (int i = 0; i < env.length; i += 2) {
      map.put(env[i], env[i + 1]);
    }
    return PaymentSettings.from(AppConfig.load(workDir, map));
  }

  @Test
  void withoutKeysBothProvidersAreOffAndMidtransDefaultsToTheSandbox() {
    PaymentSettings settings = load();
    assertThat(settings.midtransEnabled()).isFalse();
    assertThat(settings.stripeEnabled()).isFalse();
    assertThat(settings.midtransSnapUrl()).isEqualTo("https://app.sandbox.midtrans.com");
    assertThat(settings.midtransApiUrl()).isEqualTo("https://api.sandbox.midtrans.com");
  }

  @Test
  void keysAloneSwitchTheProvidersOnAndAreNeverPrinted() {
    PaymentSettings settings = load("GERBANG_MIDTRANS_SERVER_KEY", "SB-Mid-server-secret", "GERBANG_MIDTRANS_ENVIRONMENT", "production",
        "GERBANG_STRIPE_SECRET_KEY", "sk_test_secret", "GERBANG_STRIPE_WEBHOOK_SECRET", "whsec_secret");
    assertThat(settings.midtransEnabled()).isTrue();
    assertThat(settings.stripeEnabled()).isTrue();
    assertThat(settings.midtransSnapUrl()).isEqualTo("https://app.midtrans.com");
    assertThat(settings.midtransApiUrl()).isEqualTo("https://api.midtrans.com");
    assertThat(settings.toString()).doesNotContain("secret");
    assertThat(load("GERBANG_MIDTRANS_BASE_URL", "http://127.0.0.1:9/").midtransSnapUrl()).isEqualTo("http://127.0.0.1:9");
  }

  @Test
  void badValuesStopTheStartNamingTheirVariable() {
    assertFails("GERBANG_MIDTRANS_ENVIRONMENT", "GERBANG_MIDTRANS_ENVIRONMENT", "staging");
    assertFails("GERBANG_STRIPE_WEBHOOK_SECRET", "GERBANG_STRIPE_SECRET_KEY", "sk_test_x");
    assertFails("GERBANG_STRIPE_API_BASE", "GERBANG_STRIPE_API_BASE", "ftp://stripe");
    assertFails("GERBANG_PAYMENTS_ORDER_TTL_MINUTES", "GERBANG_PAYMENTS_ORDER_TTL_MINUTES", "1");
  }

  private void assertFails(String variable, String... env) {
    Throwable thrown = catchThrowable(() -> load(env));
    assertThat(thrown).isInstanceOf(ConfigException.class);
    assertThat(thrown.getMessage()).startsWith(variable + ":").doesNotContain("sk_test_x");
  }
}
