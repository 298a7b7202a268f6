package dev.gerbang.db;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import javax.sql.DataSource;

/**
 * Works around vert-x3/vertx-jdbc-client#356 (fixed upstream by #358, not in 5.0.8): after a transaction's
 * commit or rollback, the client sets autocommit to FALSE instead of back to true. Every later plain statement
 * on that pooled connection then runs in an implicit transaction that nobody commits: its writes stay invisible
 * to other connections, hold the SQLite write lock (others fail with SQLITE_BUSY), and are lost or committed by
 * some unrelated later transaction. Here, commit and rollback restore autocommit, and the client's
 * setAutoCommit(false) that immediately follows them is ignored. Remove once the client carries the fix.
 */
final class AutoCommitRestoring {
  private AutoCommitRestoring() {
  }

  static DataSource wrap(DataSource dataSource) {
    return (DataSource) Proxy.newProxyInstance(AutoCommitRestoring.class.getClassLoader(), new Class<?>[] {DataSource.class},
        (proxy, method, args) -> {
          Object result = invoke(dataSource, method, args);
          return result instanceof Connection connection && method.getName().equals("getConnection") ? wrap(connection) : result;
        });
  }

  static Connection wrap(Connection connection) {
    return (Connection) Proxy.newProxyInstance(AutoCommitRestoring.class.getClassLoader(), new Class<?>[] {Connection.class},
        new Handler(connection));
  }

  private static final class Handler implements InvocationHandler {
    private final Connection connection;
    /** True right after a commit or rollback restored autocommit: the client's next call turns it off again. */
    private boolean restored;

    Handler(Connection connection) {
      this.connection = connection;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      String name = method.getName();
      boolean justRestored = restored;
      restored = false;
      if (name.equals("equals") && args != null && args.length == 1) {
        return proxy == args[0];
      }
      if (name.equals("hashCode") && args == null) {
        return System.identityHashCode(proxy);
      }
      if (name.equals("setAutoCommit") && Boolean.FALSE.equals(args[0]) && justRestored) {
        return null;
      }
      Object result = AutoCommitRestoring.invoke(connection, method, args);
      if ((name.equals("commit") || name.equals("rollback")) && (args == null || args.length == 0)
          && !connection.getAutoCommit()) {
        connection.setAutoCommit(true);
        restored = true;
      }
      return result;
    }
  }

  private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
