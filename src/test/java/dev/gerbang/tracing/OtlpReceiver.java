package dev.gerbang.tracing;

import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** A stand-in for an OpenTelemetry collector: OTLP/HTTP with protobuf bodies on POST /v1/traces, spans kept in order. */
final class OtlpReceiver implements AutoCloseable {
  private final Vertx vertx = Vertx.vertx();
  private final List<Received> spans = new CopyOnWriteArrayList<>();
  private final HttpServer server;

  /** One exported span, with the service.name of the resource it came from and its attributes as strings. */
  record Received(String service, String traceId, String spanId, String parentSpanId, Span.SpanKind kind, String name,
                  Map<String, String> attributes) {
    String attribute(String key) {
      return attributes.get(key);
    }
  }

  OtlpReceiver() {
    server = dev.gerbang.TestServer.await(vertx.createHttpServer().requestHandler(request -> {
      if (request.method() != HttpMethod.POST || !request.path().equals("/v1/traces")) {
        request.response().setStatusCode(404).end();
        return;
      }
      request.body().onSuccess(body -> {
        try {
          keep(ExportTraceServiceRequest.parseFrom(body.getBytes()));
          request.response().putHeader("Content-Type", "application/x-protobuf")
              .end(Buffer.buffer(ExportTraceServiceResponse.getDefaultInstance().toByteArray()));
        } catch (InvalidProtocolBufferException e) {
          request.response().setStatusCode(400).end();
        }
      });
    }).listen(0, "127.0.0.1"));
  }

  private void keep(ExportTraceServiceRequest export) {
    HexFormat hex = HexFormat.of();
    List<Received> received = new java.util.ArrayList<>();
    for (ResourceSpans resource : export.getResourceSpansList()) {
      String service = resource.getResource().getAttributesList().stream().filter(a -> a.getKey().equals("service.name"))
          .map(a -> a.getValue().getStringValue()).findFirst().orElse("");
      for (ScopeSpans scope : resource.getScopeSpansList()) {
        for (Span span : scope.getSpansList()) {
          Map<String, String> attributes = span.getAttributesList().stream()
              .collect(Collectors.toMap(KeyValue::getKey, a -> a.getValue().toString().strip(), (a, b) -> a));
          span.getAttributesList().forEach(a -> {
            if (a.getValue().hasStringValue()) {
              attributes.put(a.getKey(), a.getValue().getStringValue());
            }
          });
          received.add(new Received(service, hex.formatHex(span.getTraceId().toByteArray()), hex.formatHex(span.getSpanId().toByteArray()),
              hex.formatHex(span.getParentSpanId().toByteArray()), span.getKind(), span.getName(), attributes));
        }
      }
    }
    synchronized (spans) {
      spans.addAll(received);
      spans.notifyAll();
    }
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  List<Received> spans() {
    return List.copyOf(spans);
  }

  /** Waits for each export until a received span matches (20 s at most); fails the test otherwise. */
  Received await(String what, Predicate<Received> match) {
    long deadline = System.nanoTime() + 20_000_000_000L;
    synchronized (spans) {
      while (true) {
        Optional<Received> found = spans.stream().filter(match).findFirst();
        if (found.isPresent()) {
          return found.get();
        }
        long left = (deadline - System.nanoTime()) / 1_000_000L;
        if (left <= 0) {
          throw new AssertionError("no span " + what + " within 20 s; received: " + spans);
        }
        try {
          spans.wait(left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError(e);
        }
      }
    }
  }

  @Override
  public void close() {
    dev.gerbang.TestServer.await(vertx.close());
  }
}
