package dev.gerbang.notify;

import dev.gerbang.db.Ids;
import dev.gerbang.http.Problem;
import dev.gerbang.http.Responses;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A change to one of the caller's own rows named by the path's id (mark read, delete, unsubscribe): 204 when
 * it was theirs, 404 when it was not or does not exist (the same answer, so ids of others reveal nothing).
 */
final class OwnRow {
  private OwnRow() {
  }

  static void change(RoutingContext ctx, String notFound, Function<String, Future<Boolean>> change, Consumer<String> changed) {
    String id = ctx.pathParam("id");
    if (!Ids.looksValid(id)) {
      ctx.fail(Problem.notFound(notFound));
      return;
    }
    change.apply(id).onSuccess(found -> {
      if (!found) {
        ctx.fail(Problem.notFound(notFound));
        return;
      }
      changed.accept(id);
      Responses.noContent(ctx);
    }).onFailure(ctx::fail);
  }
}
