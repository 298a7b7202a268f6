package dev.gerbang;

import dev.gerbang.audit.Actor;
import dev.gerbang.auth.PasswordPolicy;
import dev.gerbang.config.AppConfig;
import dev.gerbang.failure.Failure;
import dev.gerbang.http.Messages;
import dev.gerbang.user.Roles;
import dev.gerbang.user.User;
import dev.gerbang.user.Credentials;
import dev.gerbang.user.Registration;
import dev.gerbang.user.UserService;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * `create-admin --email EMAIL [--name NAME]`: the only way to the first admin. It never invents a password:
 * an existing account is promoted as it is; a new one takes the password from GERBANG_ADMIN_PASSWORD or
 * standard input, under the same rules as sign-up.
 */
final class AdminCommand {
  private AdminCommand() {
  }

  static int run(AppConfig config, String[] args) {
    String email = option(args, "--email");
    String name = option(args, "--name");
    if (email == null || email.isBlank()) {
      System.err.println("gerbang: create-admin needs --email EMAIL");
      return 2;
    }
    return DatabaseCommand.run(config, "create-admin", (vertx, c) -> {
      UserService users = UserService.proxy(vertx);
      Credentials existing = users.findCredentials(email).await(30, TimeUnit.SECONDS);
      if (existing == null) {
        String password = readPassword();
        if (password == null) {
          System.err.println("gerbang: give the new admin's password on standard input or in GERBANG_ADMIN_PASSWORD");
          return 2;
        }
        List<PasswordPolicy.Failure> failures = c.policy().check(password, email);
        if (!failures.isEmpty()) {
          failures.forEach(f -> System.err.println("gerbang: password "
              + Messages.bundled().render(Messages.ENGLISH, f.message(), f.params())));
          return 2;
        }
        String hash = c.hasher().hash(password).await(60, TimeUnit.SECONDS);
        String display = dev.gerbang.user.Names.singleLine(name, dev.gerbang.user.Names.MAX_LENGTH);
        users.register(new Registration(email, display.isEmpty() ? "Administrator" : display, hash), Actor.system("create-admin"))
            .await(30, TimeUnit.SECONDS);
      }
      User admin = users.grantRole(Actor.system("create-admin"), email, Roles.ADMIN).await(30, TimeUnit.SECONDS);
      System.out.println((existing == null ? "created " : "promoted ") + admin.email() + " (" + admin.id() + "): roles "
          + String.join(", ", admin.roles()));
      return 0;
    });
  }

  private static String option(String[] args, String name) {
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return null;
  }

  private static String readPassword() throws IOException {
    String fromEnv = System.getenv("GERBANG_ADMIN_PASSWORD");
    if (fromEnv != null && !fromEnv.isEmpty()) {
      return fromEnv;
    }
    Console console = System.console();
    if (console != null) {
      char[] typed = console.readPassword("Password for the new admin: ");
      return typed == null || typed.length == 0 ? null : new String(typed);
    }
    String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    return line == null || line.isEmpty() ? null : line;
  }
}
