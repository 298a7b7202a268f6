package dev.gerbang.db;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import javax.sql.DataSource;

/**
 * Works around vertx-jdbc-client 5.0.8-5.0.10 (vert-x3/vertx-jdbc-client#356, fixed upstream by #358 but not
 * in a release reachable here): after a transaction's commit or rollback it calls setAutoCommit(false)
 * instead of true, so the pooled connection stays in a transaction forever. On SQLite with
 * transaction_mode=IMMEDIATE that connection then holds the write lock and every other writer gets
 * SQLITE_BUSY; on any database, later plain statements on it are never committed. This wrapper turns that
 * one call, directly after a commit or rollback, into setAutoCommit(true). Remove it with the upgrade.
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
      private boolean transactionEnded;

      @Override
      public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
          case "commit", "rollback" -> {
            Object result = AutoCommitGuard.invoke(connection, method, args);
            transactionEnded = args == null || args.length == 0;
            return result;
          }
          case "setAutoCommit" -> {
            boolean restore = transactionEnded && Boolean.FALSE.equals(args[0]);
            transactionEnded = false;
            connection.setAutoCommit(restore || (Boolean) args[0]);
            return null;
          }
          default -> {
            return AutoCommitGuard.invoke(connection, method, args);
          }
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
