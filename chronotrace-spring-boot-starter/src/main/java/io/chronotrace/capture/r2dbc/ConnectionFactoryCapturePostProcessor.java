package io.chronotrace.capture.r2dbc;

import io.r2dbc.proxy.ProxyConnectionFactory;
import io.r2dbc.proxy.callback.ProxyConfigHolder;
import io.r2dbc.spi.ConnectionFactory;

import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Wraps every R2DBC {@link ConnectionFactory} bean in an r2dbc-proxy proxy that records the
 * statements of recorded requests, whatever sits on top ({@code DatabaseClient}, Spring Data
 * R2DBC repositories). A factory that already is an r2dbc-proxy proxy is left as it is.
 */
public final class ConnectionFactoryCapturePostProcessor implements BeanPostProcessor {

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof ConnectionFactory factory && !(bean instanceof ProxyConfigHolder)) {
			return capture(beanName, factory);
		}
		return bean;
	}

	/**
	 * Wraps a connection factory so that the statements of recorded requests become events.
	 * @param name the name the events give the factory
	 * @param factory the factory
	 * @return the wrapper
	 */
	public static ConnectionFactory capture(String name, ConnectionFactory factory) {
		return ProxyConnectionFactory.builder(factory).listener(new R2dbcStatementListener(name)).build();
	}

}
