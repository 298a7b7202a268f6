package dev.gerbang.db;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import javax.sql.DataSource;

/**
 * Works around vertx-jdbc-client 5.0.x (vert-x3/vertx-jdbc-client#356, fixed upstream by #358): after a
 * transaction's COMMIT or ROLLBACK, its JDBCTxOp calls setAutoCommit(false) where it means true. The pooled
 * connection then stays in manual-commit mode, and every later statement outside a transaction runs in an
 * implicit transaction that only the next transaction on that connection commits (or rolls back), and that
 * closing the pool discards: invisible to other connections, lost on a restart. This wrapper turns that one
 * call back into setAutoCommit(true). Remove it once the Vert.x version in use has the fix.
 */
final class AutoCommitRestore {
  private AutoCommitRestore() {
  }

  static DataSource wrap(DataSource dataSource) {
    return (DataSource) Proxy.newProxyInstance(AutoCommitRestore.class.getClassLoader(), new Class<?>[] {DataSource.class},
        (proxy, method, args) -> {
          Object result = invoke(dataSource, method, args);
          return result instanceof Connection connection && method.getName().equals("getConnection")
              ? (Connection) Proxy.newProxyInstance(AutoCommitRestore.class.getClassLoader(),
                  new Class<?>[] {Connection.class}, new ConnectionHandler(connection))
              : result;
        });
  }

  private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static final class ConnectionHandler implements InvocationHandler {
    private final Connection connection;
    private boolean transactionEnded;

    ConnectionHandler(Connection connection) {
      this.connection = connection;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      String name = method.getName();
      boolean noArgs = args == null || args.length == 0;
      if ((name.equals("commit") || name.equals("rollback")) && noArgs) {
        Object result = AutoCommitRestore.invoke(connection, method, args);
        transactionEnded = true;
        return result;
      }
      if (name.equals("setAutoCommit")) {
        boolean afterEnd = transactionEnded;
        transactionEnded = false;
        if (afterEnd && Boolean.FALSE.equals(args[0])) {
          connection.setAutoCommit(true);
          return null;
        }
      }
      return AutoCommitRestore.invoke(connection, method, args);
    }
  }
}
