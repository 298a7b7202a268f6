package dev.gerbang.notify;

import dev.gerbang.TestServer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A client of GET /api/notifications/stream that parses Server-Sent Events as they arrive. */
final class EventStream implements AutoCloseable {
  /** One event: its name (or "comment" for a comment line), id, and data. */
  record Event(String name, String id, String data, long receivedAt) {
    JsonObject json() {
      return new JsonObject(data);
    }
  }

  private final HttpClient client;
  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final CountDownLatch ended = new CountDownLatch(1);
  private final StringBuilder pending = new StringBuilder();
  private final HttpClientResponse response;

  private EventStream(HttpClient client, HttpClientResponse response) {
    this.client = client;
    this.response = response;
  }

  static EventStream open(TestServer server, String token, String lastEventId) {
    HttpClient client = server.clientVertx().createHttpClient();
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost("localhost").setPort(server.port())
        .setURI("/api/notifications/stream").putHeader("Authorization", "Bearer " + token).putHeader("Accept", "text/event-stream");
    if (lastEventId != null) {
      options.putHeader("Last-Event-ID", lastEventId);
    }
    // The handlers are set on the event loop as the response arrives: set later, from this thread, the first
    // chunks could pass before them.
    return TestServer.await(client.request(options).compose(request -> request.send()).map(response -> {
      EventStream stream = new EventStream(client, response);
      response.handler(buffer -> stream.received(buffer.toString()));
      response.endHandler(v -> stream.ended.countDown());
      response.exceptionHandler(e -> stream.ended.countDown());
      return stream;
    }));
  }

  int status() {
    return response.statusCode();
  }

  String header(String name) {
    return response.getHeader(name);
  }

  private synchronized void received(String text) {
    pending.append(text);
    int end;
    while ((end = pending.indexOf("\n\n")) >= 0) {
      String block = pending.substring(0, end);
      pending.delete(0, end + 2);
      String name = "message";
      String id = null;
      StringBuilder data = new StringBuilder();
      boolean comment = true;
      for (String line : block.split("\n")) {
        if (line.startsWith(":")) {
          continue;
        }
        comment = false;
        if (line.startsWith("event: ")) {
          name = line.substring(7);
        } else if (line.startsWith("id: ")) {
          id = line.substring(4);
        } else if (line.startsWith("data: ")) {
          data.append(line.substring(6));
        } else if (line.startsWith("retry: ")) {
          name = "retry";
        }
      }
      events.add(new Event(comment ? "comment" : name, id, comment ? block : data.toString(), System.nanoTime()));
    }
  }

  /** The next event with this name, skipping others; null after the timeout. */
  Event next(String name, long timeoutMillis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    while (true) {
      long left = deadline - System.currentTimeMillis();
      Event event = left <= 0 ? null : events.poll(left, TimeUnit.MILLISECONDS);
      if (event == null || event.name().equals(name)) {
        return event;
      }
    }
  }

  boolean awaitEnd(long timeoutMillis) throws InterruptedException {
    return ended.await(timeoutMillis, TimeUnit.MILLISECONDS);
  }

  /** Every event received and not yet taken. */
  java.util.List<Event> drain() {
    java.util.List<Event> rest = new java.util.ArrayList<>();
    events.drainTo(rest);
    return rest;
  }

  @Override
  public void close() {
    TestServer.await(client.close());
  }
}
