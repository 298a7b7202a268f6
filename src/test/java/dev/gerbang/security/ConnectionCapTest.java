package dev.gerbang.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gerbang.TestDb;
import dev.gerbang.TestServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * At most http.maxConnectionsPerClient connections per client address (issue 20, finding 3; ASVS 11.1.4): one
 * address cannot hold every connection the server has, while others keep working. Raw sockets, from 127.0.0.1 and (as "another client") 127.0.0.2.
 */
class ConnectionCapTest {
  private static final int CAP = 3;

  private TestServer server;
  private final List<RawHttp> open = new ArrayList<>();

  @BeforeEach
  void start() {
    server = TestServer.start(new JsonObject().put("http", new JsonObject().put("maxConnectionsPerClient", CAP)));
  }

  @AfterEach
  void stop() throws IOException {
    for (RawHttp client : open) {
      client.close();
    }
    server.close();
  }

  private RawHttp connect(String from) throws IOException {
    RawHttp client = RawHttp.connectFrom(from, server.port());
    open.add(client);
    return client;
  }

  /** A new connection from the address that gets an answer (200 on the liveness check). */
  private RawHttp working(String from) throws IOException {
    RawHttp client = connect(from);
    assertThat(client.get("/health/live").status()).isEqualTo(200);
    return client;
  }

  @Test
  void theConnectionOverTheCapIsClosedWhileTheOthersAndOtherAddressesKeepWorking() throws IOException {
    List<RawHttp> mine = new ArrayList<>();
    for (int i = 0; i < CAP; i++) {
      mine.add(working("127.0.0.1"));
    }

    RawHttp over = connect("127.0.0.1").timeout(3000);
    assertThat(over.closedByServer()).as("connection " + (CAP + 1) + " from one address").isTrue();

    for (RawHttp client : mine) {
      assertThat(client.get("/health/live").status()).as("the first " + CAP + " keep working").isEqualTo(200);
    }
    assertThat(working("127.0.0.2")).as("another address is not affected").isNotNull();
  }

  @Test
  void aClosedConnectionGivesItsPlaceBackAndRefusedOnesTakeNone() throws IOException {
    for (int round = 0; round < 5; round++) {
      List<RawHttp> batch = new ArrayList<>();
      for (int i = 0; i < CAP; i++) {
        // The previous round's last close may not have reached the server yet: each place comes back eventually.
        RawHttp client = TestDb.eventually(() -> answersOrNull("127.0.0.1"), c -> c != null);
        assertThat(client).as("round " + round + ", connection " + (i + 1)).isNotNull();
        batch.add(client);
      }
      assertThat(connect("127.0.0.1").timeout(3000).closedByServer()).as("round " + round).isTrue();
      for (RawHttp client : batch) {
        client.close();
      }
      open.removeAll(batch);
      // The server hears of the closes asynchronously: a new connection is let in once it has.
      RawHttp next = TestDb.eventually(() -> answersOrNull("127.0.0.1"), client -> client != null);
      assertThat(next).as("round " + round + ": a place came back").isNotNull();
      next.close();
      open.remove(next);
    }
  }

  private RawHttp answersOrNull(String from) {
    try {
      RawHttp client = connect(from).timeout(3000);
      try {
        return client.get("/health/live").status() == 200 ? client : null;
      } catch (IOException closed) {
        client.close();
        open.remove(client);
        return null;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void openNotificationStreamsCountAsConnections() throws IOException {
    // Sign up and in from another address, so that this client's connections take no place of 127.0.0.1.
    WebClient aside = WebClient.create(server.clientVertx(), new WebClientOptions().setLocalAddress("127.0.0.2"));
    String email = TestServer.uniqueEmail();
    JsonObject account = new JsonObject().put("email", email).put("password", TestServer.PASSWORD).put("name", "Streamer");
    assertThat(TestServer.await(aside.post(server.port(), "127.0.0.1", "/api/auth/register").sendJsonObject(account))
        .statusCode()).isEqualTo(201);
    String token = TestServer.await(aside.post(server.port(), "127.0.0.1", "/api/auth/login")
        .sendJsonObject(new JsonObject().put("email", email).put("password", TestServer.PASSWORD))).bodyAsJsonObject().getString("accessToken");
    aside.close();

    for (int i = 0; i < CAP; i++) {
      RawHttp stream = connect("127.0.0.1");
      stream.write("GET /api/notifications/stream HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n"
          + "Authorization: Bearer " + token + "\r\n\r\n");
      RawHttp.Response head = stream.read();
      assertThat(head.status()).isEqualTo(200);
      assertThat(head.header("Content-Type")).startsWith("text/event-stream");
    }

    assertThat(connect("127.0.0.1").timeout(3000).closedByServer()).as("the streams hold every place").isTrue();
  }
}
