package dev.gerbang.db;

/** What a feature keeps in the database: its services, registered on the event bus by the database worker. */
public interface DataServices {
  void bind(ServiceRegistry services);
}
