package dev.gerbang.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * HTTP/1.1 over a plain java.net.Socket, for the tests that need what a client library hides: a body sent a
 * byte at a time, a connection held open, the exact moment the server closes it, and the local address.
 */
final class RawHttp implements AutoCloseable {
  /** A response as read off the wire: status line, header block and body (by Content-Length). */
  record Response(int status, String head, String body) {
    String header(String name) {
      for (String line : head.split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
          return line.substring(colon + 1).trim();
        }
      }
      return null;
    }
  }

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  private RawHttp(Socket socket) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  /** Connects to 127.0.0.1:port from 127.0.0.1. */
  static RawHttp connect(int port) throws IOException {
    return connectFrom("127.0.0.1", port);
  }

  /** Connects to 127.0.0.1:port from this local address (any 127.x.y.z works on loopback). */
  static RawHttp connectFrom(String localAddress, int port) throws IOException {
    Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port, InetAddress.getByName(localAddress), 0);
    socket.setSoTimeout(10_000);
    return new RawHttp(socket);
  }

  RawHttp timeout(int millis) throws SocketException {
    socket.setSoTimeout(millis);
    return this;
  }

  void write(String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** A whole request with its body at once, keeping the connection open. */
  Response send(String method, String path, String headers, String body) throws IOException {
    byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    write(method + " " + path + " HTTP/1.1\r\nHost: localhost\r\n" + headers
        + (body == null ? "" : "Content-Type: application/json\r\nContent-Length: " + bytes.length + "\r\n") + "\r\n"
        + (body == null ? "" : body));
    return read();
  }

  Response get(String path) throws IOException {
    return send("GET", path, "", null);
  }

  /** Reads one response: the head up to the blank line, then Content-Length bytes of body. */
  Response read() throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b == -1) {
        throw new IOException("the server closed the connection before answering: " + head);
      }
      head.write(b);
    }
    String text = head.toString(StandardCharsets.ISO_8859_1);
    int status = Integer.parseInt(text.substring(9, 12));
    Response response = new Response(status, text, "");
    String length = response.header("Content-Length");
    if (length == null) {
      return response;
    }
    byte[] body = in.readNBytes(Integer.parseInt(length));
    return new Response(status, text, new String(body, StandardCharsets.UTF_8));
  }

  /**
   * Whether the server closes the connection within the socket timeout: reads (and drops) anything it still
   * sends, and answers true at end of stream or reset, false when the timeout passes with the connection open.
   */
  boolean closedByServer() throws IOException {
    try {
      while (in.read() != -1) {
        // drained
      }
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (SocketException e) {
      return e.getMessage() != null && e.getMessage().toLowerCase(Locale.ROOT).contains("reset");
    }
  }

  /** Starts a daemon thread that sends one byte of an endless body every interval, until the socket fails. */
  Thread dribble(long intervalMillis) {
    Thread thread = new Thread(() -> {
      try {
        for (int i = 0; i < 100_000; i++) {
          Thread.sleep(intervalMillis);
          out.write(' ');
          out.flush();
        }
      } catch (IOException | InterruptedException e) {
        // The server closed the connection (what the tests want), or the test is over.
      }
    }, "dribbler");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
