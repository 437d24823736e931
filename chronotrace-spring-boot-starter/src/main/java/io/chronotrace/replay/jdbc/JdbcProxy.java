package io.chronotrace.replay.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;

import org.jspecify.annotations.Nullable;

/**
 * The base of the JDBC objects of an isolated replay, made as dynamic proxies of their
 * interfaces: {@code equals}, {@code hashCode} and {@code toString} by identity, {@code unwrap}
 * and {@code isWrapperFor} for the proxy itself, and a clear failure for what a replay does not
 * answer, rather than a silent default.
 */
abstract class JdbcProxy implements InvocationHandler {

	@Override
	public final @Nullable Object invoke(Object proxy, Method method, Object @Nullable [] args) throws Throwable {
		Object[] arguments = (args != null) ? args : new Object[0];
		String name = method.getName();
		if (method.getDeclaringClass() == Object.class) {
			return switch (name) {
				case "equals" -> proxy == arguments[0];
				case "hashCode" -> System.identityHashCode(proxy);
				default -> describe();
			};
		}
		if (name.equals("isWrapperFor") && arguments.length == 1) {
			return ((Class<?>) arguments[0]).isInstance(proxy);
		}
		if (name.equals("unwrap") && arguments.length == 1) {
			Class<?> type = (Class<?>) arguments[0];
			if (type.isInstance(proxy)) {
				return proxy;
			}
			throw new SQLException("Isolated replay: a " + describe() + " is not a " + type.getName());
		}
		return handle(proxy, method, name, arguments);
	}

	/**
	 * Handles a JDBC method.
	 * @param proxy the proxy
	 * @param method the method
	 * @param name its name
	 * @param args its arguments, never {@code null}
	 * @return its result
	 * @throws Throwable what it throws
	 */
	abstract @Nullable Object handle(Object proxy, Method method, String name, Object[] args) throws Throwable;

	/**
	 * What the proxy is, for {@code toString()} and messages.
	 * @return a short description
	 */
	abstract String describe();

	/**
	 * The failure of a method a replay does not answer.
	 * @param method the method
	 * @return the exception to throw
	 */
	final SQLException unsupported(Method method) {
		return new SQLFeatureNotSupportedException("Isolated replay: " + method.getDeclaringClass().getSimpleName()
				+ "." + method.getName() + " is not answered from the recording (" + describe() + ")");
	}

	@SuppressWarnings("unchecked")
	static <T> T proxy(Class<T> type, InvocationHandler handler) {
		return (T) Proxy.newProxyInstance(JdbcProxy.class.getClassLoader(), new Class<?>[] { type }, handler);
	}

}
