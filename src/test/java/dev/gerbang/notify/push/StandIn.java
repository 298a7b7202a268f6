package dev.gerbang.notify.push;

import dev.gerbang.TestServer;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A real HTTP service on 127.0.0.1 and a free port standing in for a push service, Google's token endpoint
 * or the FCM API: it records every request for the test thread to check and answers as the test scripts.
 */
final class StandIn implements AutoCloseable {
  record Received(String method, String path, MultiMap headers, Buffer body) {
    String header(String name) {
      return headers.get(name);
    }
  }

  /** An answer; a null Reply from the script means "never answer", like a stuck service. */
  record Reply(int status, Map<String, String> headers, String body, long delayMillis) {
    static Reply of(int status) {
      return new Reply(status, Map.of(), "", 0);
    }

    static Reply json(int status, JsonObject body) {
      return of(status).withHeader("Content-Type", "application/json").withBody(body.encode());
    }

    Reply withHeader(String name, String value) {
      Map<String, String> more = new LinkedHashMap<>(headers);
      more.put(name, value);
      return new Reply(status, more, body, delayMillis);
    }

    Reply withBody(String text) {
      return new Reply(status, headers, text, delayMillis);
    }

    Reply after(long millis) {
      return new Reply(status, headers, body, millis);
    }
  }

  private final Vertx vertx;
  private final Function<Received, Reply> script;
  private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
  private HttpServer server;

  private StandIn(Vertx vertx, Function<Received, Reply> script) {
    this.vertx = vertx;
    this.script = script;
  }

  static StandIn start(Vertx vertx, Function<Received, Reply> script) {
    StandIn standIn = new StandIn(vertx, script);
    standIn.server = TestServer.await(vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
        .requestHandler(standIn::handle)
        .listen());
    return standIn;
  }

  private void handle(HttpServerRequest request) {
    request.body().onSuccess(body -> {
      Received got = new Received(request.method().name(), request.uri(),
          MultiMap.caseInsensitiveMultiMap().addAll(request.headers()), body.copy());
      // The reply is chosen before the test can see the request: a test that scripts the next reply as soon as
      // it sees this request must not change the reply to this one.
      Reply reply = script.apply(got);
      received.add(got);
      if (reply == null) {
        return;
      }
      if (reply.delayMillis() > 0) {
        vertx.setTimer(reply.delayMillis(), timer -> respond(request, reply));
      } else {
        respond(request, reply);
      }
    });
  }

  private static void respond(HttpServerRequest request, Reply reply) {
    request.response().setStatusCode(reply.status());
    reply.headers().forEach(request.response()::putHeader);
    request.response().end(reply.body());
  }

  String origin() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  /** The next request it received, waiting up to 10 s for it. */
  Received next() {
    try {
      Received got = received.poll(10, TimeUnit.SECONDS);
      if (got == null) {
        throw new AssertionError("the stand-in received no request");
      }
      return got;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Requests received and not yet taken with next(). */
  int waiting() {
    return received.size();
  }

  @Override
  public void close() {
    TestServer.await(server.close());
  }
}
