package dev.gerbang.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gerbang.TestServer;
import dev.gerbang.failure.Failure;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which addresses a webhook may reach, and the check made again before each send (a name resolved afresh). */
class AddressPolicyTest {
  private static Vertx vertx;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    TestServer.await(vertx.close());
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "127.1.2.3", "10.0.0.1", "172.31.255.255", "192.168.0.1", "169.254.169.254",
      "100.64.0.1", "100.127.255.255", "0.0.0.0", "0.1.2.3", "224.0.0.1", "255.255.255.255", "::1", "::", "fc00::1",
      "fdff::1", "fe80::1", "ff02::1", "::ffff:10.0.0.1", "::ffff:169.254.169.254", "64:ff9b::a00:1", "2002:a00:1::1"})
  void insideAddressesAreRefused(String address) throws Exception {
    assertThat(AddressPolicy.problem(InetAddress.getByName(address), false)).isNotNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "100.63.255.255", "100.128.0.1", "172.32.0.1", "2606:4700::1111",
      "::ffff:93.184.216.34"})
  void publicAddressesAreAllowed(String address) throws Exception {
    assertThat(AddressPolicy.problem(InetAddress.getByName(address), false)).isNull();
  }

  @Test
  void theDevelopmentSettingAllowsLoopbackAndNothingElseInside() throws Exception {
    assertThat(AddressPolicy.problem(InetAddress.getByName("127.0.0.1"), true)).isNull();
    assertThat(AddressPolicy.problem(InetAddress.getByName("::1"), true)).isNull();
    assertThat(AddressPolicy.problem(InetAddress.getByName("10.0.0.1"), true)).isNotNull();
    assertThat(AddressPolicy.problem(InetAddress.getByName("169.254.169.254"), true)).isNotNull();
  }

  @Test
  void aNameIsResolvedAndEveryAddressItHasIsChecked() {
    Throwable refused = TestServer.await(Destination.resolve(vertx, "https://localhost:8443/hook", false)
        .transform(done -> io.vertx.core.Future.succeededFuture(done.cause())));
    assertThat(Failure.is(refused, Failure.Kind.INVALID)).isTrue();
    assertThat(Failure.of(refused).errors().get(0).field()).isEqualTo("url");

    Destination allowed = TestServer.await(Destination.resolve(vertx, "http://localhost:8080/hook?x=1", true));
    assertThat(allowed.address().isLoopbackAddress()).isTrue();
    assertThat(allowed.host()).isEqualTo("localhost");
    assertThat(allowed.port()).isEqualTo(8080);
    assertThat(allowed.pathAndQuery()).isEqualTo("/hook?x=1");
    assertThat(Destination.urlProblem("http://example.com/", false)).isNotNull();
  }
}
