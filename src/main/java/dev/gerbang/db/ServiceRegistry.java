package dev.gerbang.db;

import dev.gerbang.events.Events;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.serviceproxy.ServiceBinder;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the features register their data services on the database worker: each on its address, all
 * unregistered when the worker stops. Hands them the worker's Vert.x and the database.
 */
public final class ServiceRegistry {
  private final Vertx vertx;
  private final Database database;
  private final Events events;
  private final ServiceBinder binder;
  private final List<MessageConsumer<?>> consumers = new ArrayList<>();

  ServiceRegistry(Vertx vertx, Database database, Events events) {
    this.vertx = vertx;
    this.database = database;
    this.events = events;
    this.binder = new ServiceBinder(vertx);
  }

  public Vertx vertx() {
    return vertx;
  }

  public Database database() {
    return database;
  }

  /** Where the services announce what their writes changed, after each commit. */
  public Events events() {
    return events;
  }

  /**
   * Exposes the implementation of a service interface on its event-bus address, for this node's callers only:
   * every node has its own database worker on the shared database, so a call never crosses the network to
   * another node's (nor fails with it).
   */
  public <T> void register(Class<T> type, String address, T implementation) {
    consumers.add(binder.setAddress(address).registerLocal(type, implementation));
  }

  /** A plain consumer of the worker (a ping, a size query), unregistered with the services. */
  public void add(MessageConsumer<?> consumer) {
    consumers.add(consumer);
  }

  Future<?> unregisterAll() {
    List<Future<?>> unregistered = new ArrayList<>();
    consumers.forEach(consumer -> unregistered.add(consumer.unregister()));
    return Future.join(unregistered);
  }
}
