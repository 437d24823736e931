package io.chronotrace.capture.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.ResultSet;
import java.util.concurrent.atomic.AtomicLong;

import net.ttddyy.dsproxy.ConnectionInfo;
import net.ttddyy.dsproxy.proxy.ProxyConfig;
import net.ttddyy.dsproxy.proxy.jdk.JdkJdbcProxyFactory;
import org.jspecify.annotations.Nullable;

import io.chronotrace.core.recording.TraceContextHolder;

/**
 * Counts the rows the application reads from the result sets of recorded requests' queries: the
 * result set is wrapped only while a request is recorded, so others pay nothing for it.
 */
final class RowCountingJdbcProxyFactory extends JdkJdbcProxyFactory {

	@Override
	public ResultSet createResultSet(ResultSet resultSet, ConnectionInfo connectionInfo, ProxyConfig proxyConfig) {
		if (TraceContextHolder.current() == null) {
			return resultSet;
		}
		return (ResultSet) Proxy.newProxyInstance(RowCountingJdbcProxyFactory.class.getClassLoader(),
				new Class<?>[] { ResultSet.class }, new RowCounter(resultSet));
	}

	/**
	 * The row counter of a result set this factory wrapped.
	 * @param resultSet a result set
	 * @return its counter, or {@code null} when it is not counted
	 */
	static @Nullable AtomicLong rowsRead(@Nullable Object resultSet) {
		if (resultSet != null && Proxy.isProxyClass(resultSet.getClass())
				&& Proxy.getInvocationHandler(resultSet) instanceof RowCounter counter) {
			return counter.rows;
		}
		return null;
	}

	private static final class RowCounter implements InvocationHandler {

		private final ResultSet target;

		private final AtomicLong rows = new AtomicLong();

		RowCounter(ResultSet target) {
			this.target = target;
		}

		@Override
		public @Nullable Object invoke(Object proxy, Method method, Object @Nullable [] args) throws Throwable {
			if (method.getDeclaringClass() == Object.class) {
				return objectMethod(proxy, method, args);
			}
			Object result;
			try {
				result = method.invoke(this.target, args);
			}
			catch (InvocationTargetException ex) {
				throw ex.getTargetException();
			}
			if (Boolean.TRUE.equals(result) && method.getName().equals("next") && method.getParameterCount() == 0) {
				this.rows.incrementAndGet();
			}
			return result;
		}

		private @Nullable Object objectMethod(Object proxy, Method method, Object @Nullable [] args) {
			String name = method.getName();
			if (name.equals("equals")) {
				return args != null && proxy == args[0];
			}
			if (name.equals("hashCode")) {
				return System.identityHashCode(proxy);
			}
			return "counted " + this.target;
		}

	}

}
