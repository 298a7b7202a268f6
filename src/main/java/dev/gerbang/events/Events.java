package dev.gerbang.events;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Typed events, announced by the services after the change that caused them committed. This node's listeners
 * hear an event at once, on the announcing thread, before the service answers its caller: so the request
 * that made the change is answered only after, say, the session gate forgot a revoked session, and the next
 * request on any event loop sees it. Then the event is published on the event bus for the other nodes, whose
 * listeners skip what their own node announced. Listeners must be quick and thread-safe (they drop cache
 * entries); anything slow belongs in a verticle that consumes the address itself.
 */
public final class Events {
  private static final Logger log = LoggerFactory.getLogger(Events.class);
  private static final String ORIGIN = "gerbang-node";

  private final Vertx vertx;
  private final String node = UUID.randomUUID().toString();
  private final Map<String, List<Consumer<JsonObject>>> local = new ConcurrentHashMap<>();

  public Events(Vertx vertx) {
    this.vertx = vertx;
  }

  /**
   * Calls the listener for every event on this address, announced on this node (at once, on the announcing
   * thread) or on another (on an event loop). For node-wide state such as caches; for as long as the node runs.
   */
  public <E> MessageConsumer<JsonObject> listen(String address, Function<JsonObject, E> decode, Consumer<E> listener) {
    Consumer<JsonObject> handler = json -> {
      try {
        listener.accept(decode.apply(json));
      } catch (RuntimeException e) {
        log.error("a listener of {} failed", address, e);
      }
    };
    local.computeIfAbsent(address, a -> new CopyOnWriteArrayList<>()).add(handler);
    return vertx.eventBus().<JsonObject>consumer(address, message -> {
      if (!node.equals(message.headers().get(ORIGIN))) {
        handler.accept(message.body());
      }
    });
  }

  /** Tells this node's listeners at once, then the other nodes. */
  public void announce(Event event) {
    JsonObject json = event.toJson();
    local.getOrDefault(event.address(), List.of()).forEach(listener -> listener.accept(json));
    vertx.eventBus().publish(event.address(), json, new DeliveryOptions().addHeader(ORIGIN, node));
  }
}
