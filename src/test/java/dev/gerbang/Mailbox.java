package dev.gerbang;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.vertx.core.json.JsonObject;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A real SMTP server (GreenMail) for a test, and the messages it received, decoded. */
public final class Mailbox implements AutoCloseable {
  private static final Pattern TOKEN = Pattern.compile("\\?token=([A-Za-z0-9_-]{20,})");

  private final int port;
  private GreenMail greenMail;

  /** A mailbox on a free port, not yet listening: start() it, or let the server find SMTP down first. */
  public Mailbox() {
    try (ServerSocket socket = new ServerSocket(0)) {
      this.port = socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Mailbox started() {
    Mailbox mailbox = new Mailbox();
    mailbox.start();
    return mailbox;
  }

  public void start() {
    greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    greenMail.start();
  }

  /** The config overrides that point Gerbang at this mailbox, with quick retries and polling. */
  public JsonObject config() {
    return new JsonObject()
        .put("smtp", new JsonObject().put("host", "127.0.0.1").put("port", port).put("startTls", "DISABLED")
            .put("from", "Gerbang <no-reply@gerbang.test>"))
        .put("mail", new JsonObject().put("retryBaseMillis", 200).put("pollMillis", 100).put("resendCooldownSeconds", 0));
  }

  /** A received message, decoded; headers are its raw header lines, "Name: value", in order. */
  public record Mail(String to, String subject, String text, String html, String messageId, List<String> headers) {
    /** The names of its headers, in order. */
    public List<String> headerNames() {
      return headers.stream().map(line -> line.substring(0, line.indexOf(':'))).toList();
    }

    public String token() {
      Matcher m = TOKEN.matcher(text);
      if (!m.find()) {
        throw new AssertionError("no link with a token in: " + text);
      }
      return m.group(1);
    }
  }

  /** Waits until at least `count` messages arrived in all (up to 10 s), and answers all of them. */
  public List<Mail> await(int count) {
    if (!greenMail.waitForIncomingEmail(10_000, count)) {
      throw new AssertionError("expected " + count + " mails, got " + greenMail.getReceivedMessages().length);
    }
    return all();
  }

  public List<Mail> all() {
    List<Mail> mails = new ArrayList<>();
    for (MimeMessage message : greenMail.getReceivedMessages()) {
      mails.add(decode(message));
    }
    return mails;
  }

  /** The messages to one address, in order of arrival. */
  public List<Mail> to(String address) {
    return all().stream().filter(m -> m.to().equalsIgnoreCase(address)).toList();
  }

  /** Waits for a message to this address with a subject containing the text. */
  public Mail awaitTo(String address, String subjectPart) {
    long deadline = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < deadline) {
      for (Mail mail : to(address)) {
        if (mail.subject().contains(subjectPart)) {
          return mail;
        }
      }
      sleep(50);
    }
    throw new AssertionError("no mail to " + address + " about '" + subjectPart + "'; got " + to(address));
  }

  /** Waits until at least `count` messages to this address arrived (up to 10 s); answers them, in order. */
  public List<Mail> awaitCount(String address, int count) {
    long deadline = System.currentTimeMillis() + 10_000;
    while (to(address).size() < count && System.currentTimeMillis() < deadline) {
      sleep(50);
    }
    return to(address);
  }

  private static Mail decode(MimeMessage message) {
    try {
      String text = null;
      String html = null;
      Object content = message.getContent();
      if (content instanceof Multipart multipart) {
        for (int i = 0; i < multipart.getCount(); i++) {
          BodyPart part = multipart.getBodyPart(i);
          if (part.isMimeType("text/plain")) {
            text = (String) part.getContent();
          } else if (part.isMimeType("text/html")) {
            html = (String) part.getContent();
          } else if (part.getContent() instanceof Multipart inner) {
            for (int j = 0; j < inner.getCount(); j++) {
              BodyPart p = inner.getBodyPart(j);
              if (p.isMimeType("text/plain")) {
                text = (String) p.getContent();
              } else if (p.isMimeType("text/html")) {
                html = (String) p.getContent();
              }
            }
          }
        }
      } else {
        text = String.valueOf(content);
      }
      List<String> headers = new ArrayList<>();
      for (var lines = message.getAllHeaderLines(); lines.hasMoreElements(); ) {
        headers.add(lines.nextElement());
      }
      return new Mail(message.getRecipients(Message.RecipientType.TO)[0].toString(), message.getSubject(), text, html,
          message.getMessageID(), headers);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public void stop() {
    if (greenMail != null) {
      greenMail.stop();
      greenMail = null;
    }
  }

  @Override
  public void close() {
    stop();
  }
}
