package dev.gerbang.db;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import javax.sql.DataSource;

/**
 * Works around vertx-jdbc-client 5.0.8 (vert-x3/vertx-jdbc-client#356, fixed upstream by #358 in a later
 * release that our BOM cannot use yet, see STACK.md): after the COMMIT or ROLLBACK of a transaction it
 * calls {@code setAutoCommit(false)} instead of {@code true}, so the pooled connection stays in manual-commit
 * mode forever. Every later statement run outside a transaction on it (an audit insert, a session
 * revocation) then sits in an open transaction that nobody commits: invisible to other connections, holding
 * SQLite's write lock (other writers fail with SQLITE_BUSY), and reads keep a stale snapshot.
 *
 * <p>The guard hands out connections that turn that one call, {@code setAutoCommit(false)} right after a
 * commit or rollback, into {@code setAutoCommit(true)}. Once the fixed client is used, the call it makes
 * is already {@code setAutoCommit(true)} and the guard changes nothing; then delete this class.
 */
final class AutoCommitGuard {
  private AutoCommitGuard() {
  }

  static DataSource wrap(DataSource dataSource) {
    return (DataSource) Proxy.newProxyInstance(AutoCommitGuard.class.getClassLoader(), new Class<?>[] {DataSource.class},
        (proxy, method, args) -> {
          Object result = invoke(dataSource, method, args);
          return result instanceof Connection connection && method.getName().equals("getConnection")
              ? guard(connection) : result;
        });
  }

  private static Connection guard(Connection connection) {
    InvocationHandler handler = new InvocationHandler() {
      private boolean transactionJustEnded;

      @Override
      public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        if (name.equals("setAutoCommit") && Boolean.FALSE.equals(args[0]) && transactionJustEnded) {
          transactionJustEnded = false;
          connection.setAutoCommit(true);
          return null;
        }
        boolean endsTransaction = (name.equals("commit") || name.equals("rollback")) && (args == null || args.length == 0);
        try {
          return AutoCommitGuard.invoke(connection, method, args);
        } finally {
          transactionJustEnded = endsTransaction;
        }
      }
    };
    return (Connection) Proxy.newProxyInstance(AutoCommitGuard.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
  }

  private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
