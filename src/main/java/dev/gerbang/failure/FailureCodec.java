package dev.gerbang.failure;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;

/**
 * Carries a {@link Failure} over the event bus: as the object itself on this node, as its code, detail and
 * debug info between nodes. Without it a subclass of ReplyException falls back to the plain reply codec and
 * arrives without its type and field errors.
 */
final class FailureCodec implements MessageCodec<Failure, Failure> {
  @Override
  public void encodeToWire(Buffer buffer, Failure failure) {
    byte[] detail = String.valueOf(failure.getMessage()).getBytes(StandardCharsets.UTF_8);
    byte[] info = failure.getDebugInfo().encode().getBytes(StandardCharsets.UTF_8);
    buffer.appendInt(failure.failureCode()).appendInt(detail.length).appendBytes(detail).appendInt(info.length).appendBytes(info);
  }

  @Override
  public Failure decodeFromWire(int pos, Buffer buffer) {
    int code = buffer.getInt(pos);
    int detailLength = buffer.getInt(pos + 4);
    String detail = buffer.getString(pos + 8, pos + 8 + detailLength, "UTF-8");
    int infoAt = pos + 8 + detailLength;
    int infoLength = buffer.getInt(infoAt);
    JsonObject info = new JsonObject(buffer.getString(infoAt + 4, infoAt + 4 + infoLength, "UTF-8"));
    return Failure.fromWire(code, detail, info);
  }

  @Override
  public Failure transform(Failure failure) {
    return failure;
  }

  @Override
  public String name() {
    return "gerbang-failure";
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
