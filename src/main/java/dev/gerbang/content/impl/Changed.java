package dev.gerbang.content.impl;

import dev.gerbang.content.ContentChanged;
import dev.gerbang.events.Events;
import io.vertx.core.Future;

/**
 * What a content write answers, and the public content it changed. The change is announced once the write's
 * transaction committed and before the service answers, so that this node's cache has forgotten the stale
 * responses before the writer's next request.
 */
record Changed<T>(T answer, ContentChanged change) {
  static <T> Future<T> announce(Events events, Future<Changed<T>> committed) {
    return committed.map(changed -> {
      events.announce(changed.change());
      return changed.answer();
    });
  }
}
