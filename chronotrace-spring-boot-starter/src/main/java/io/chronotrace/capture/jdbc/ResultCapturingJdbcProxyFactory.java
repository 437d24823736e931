package io.chronotrace.capture.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import net.ttddyy.dsproxy.ConnectionInfo;
import net.ttddyy.dsproxy.proxy.ProxyConfig;
import net.ttddyy.dsproxy.proxy.jdk.JdkJdbcProxyFactory;
import org.jspecify.annotations.Nullable;

import io.chronotrace.core.recording.ActiveTrace;
import io.chronotrace.core.recording.TraceContextHolder;

/**
 * Wraps the result sets of recorded requests' statements, and the generated keys they read, in a
 * {@link ResultRecorder}: only while a request is recorded, so others pay nothing for it. A result
 * set that comes after its statement ran ({@code getResultSet()} after {@code execute()},
 * {@code getGeneratedKeys()}) joins that statement's event.
 */
final class ResultCapturingJdbcProxyFactory extends JdkJdbcProxyFactory {

	private final SqlResultSettings settings;

	ResultCapturingJdbcProxyFactory(SqlResultSettings settings) {
		this.settings = settings;
	}

	@Override
	public ResultSet createResultSet(ResultSet resultSet, ConnectionInfo connectionInfo, ProxyConfig proxyConfig) {
		ActiveTrace trace = TraceContextHolder.current();
		if (trace == null) {
			return resultSet;
		}
		ResultRecorder recorder = new ResultRecorder(resultSet, this.settings,
				trace.sqlResultBudget(this.settings.maxCharacters()));
		CapturedStatement last = CapturedStatement.last(statement(resultSet));
		if (last != null) {
			last.resultSetLater(recorder);
		}
		return wrap(resultSet, recorder);
	}

	@Override
	public ResultSet createGeneratedKeys(ResultSet resultSet, ConnectionInfo connectionInfo, ProxyConfig proxyConfig) {
		ActiveTrace trace = TraceContextHolder.current();
		CapturedStatement last = (trace != null) ? CapturedStatement.last(statement(resultSet)) : null;
		if (trace == null || last == null) {
			return resultSet;
		}
		ResultRecorder recorder = new ResultRecorder(resultSet, this.settings,
				trace.sqlResultBudget(this.settings.maxCharacters()));
		last.generatedKeys(recorder);
		return wrap(resultSet, recorder);
	}

	/**
	 * The recorder of a result set this factory wrapped.
	 * @param resultSet a result set
	 * @return its recorder, or {@code null} when it is not recorded
	 */
	static @Nullable ResultRecorder recorder(@Nullable Object resultSet) {
		if (resultSet != null && Proxy.isProxyClass(resultSet.getClass())
				&& Proxy.getInvocationHandler(resultSet) instanceof Recording recording) {
			return recording.recorder;
		}
		return null;
	}

	private static @Nullable Statement statement(ResultSet resultSet) {
		try {
			return resultSet.getStatement();
		}
		catch (SQLException | RuntimeException ex) {
			return null;
		}
	}

	private static ResultSet wrap(ResultSet resultSet, ResultRecorder recorder) {
		return (ResultSet) Proxy.newProxyInstance(ResultCapturingJdbcProxyFactory.class.getClassLoader(),
				new Class<?>[] { ResultSet.class }, new Recording(resultSet, recorder));
	}

	private static final class Recording implements InvocationHandler {

		private final ResultSet target;

		private final ResultRecorder recorder;

		Recording(ResultSet target, ResultRecorder recorder) {
			this.target = target;
			this.recorder = recorder;
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
				this.recorder.onRow();
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
			return "recorded " + this.target;
		}

	}

}
