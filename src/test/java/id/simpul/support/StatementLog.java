package id.simpul.support;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;

/**
 * The SQL statements run through a data source, in order: for tests that hold a path to a number of
 * statements (the hot path of a delivery, say). Records what is prepared, and what a plain
 * {@link Statement} executes.
 */
public final class StatementLog {

    private final List<String> statements = new CopyOnWriteArrayList<>();

    /** {@code store}, with every statement run through it recorded here. */
    public DataSource wrap(DataSource store) {
        return proxy(DataSource.class, store, (target, method, args) -> {
            Object result = invoke(target, method, args);
            return result instanceof Connection c ? proxy(Connection.class, c, this::connectionCall) : result;
        });
    }

    public List<String> statements() {
        return List.copyOf(statements);
    }

    public void clear() {
        statements.clear();
    }

    private Object connectionCall(Object connection, Method method, Object[] args) throws Throwable {
        if (method.getName().startsWith("prepare") && args != null && args[0] instanceof String sql) {
            statements.add(sql);
        }
        Object result = invoke(connection, method, args);
        if (result instanceof Statement s && !method.getName().startsWith("prepare")) {
            return proxy(Statement.class, s, (target, m, a) -> {
                if (m.getName().startsWith("execute") && a != null && a.length > 0 && a[0] instanceof String sql) {
                    statements.add(sql);
                }
                return invoke(target, m, a);
            });
        }
        return result;
    }

    /** A call on the real object, with its own exception rather than the reflective wrapper. */
    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @FunctionalInterface
    private interface Call {
        Object on(Object target, Method method, Object[] args) throws Throwable;
    }

    private static <T> T proxy(Class<T> type, T target, Call call) {
        InvocationHandler handler = (p, method, args) -> call.on(target, method, args);
        return type.cast(Proxy.newProxyInstance(StatementLog.class.getClassLoader(), new Class<?>[] {type}, handler));
    }
}
