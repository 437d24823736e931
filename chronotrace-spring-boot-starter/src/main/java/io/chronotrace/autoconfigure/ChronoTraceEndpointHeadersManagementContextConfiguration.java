package io.chronotrace.autoconfigure;

import io.chronotrace.actuate.endpoint.ChronoTraceEndpoint;
import io.chronotrace.actuate.endpoint.servlet.EndpointHeadersFilter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * The protective headers of the {@code chronotrace} endpoint's answers
 * ({@link EndpointHeadersFilter}), in whichever context serves actuator endpoints: the
 * application's own, or the management context of a separate {@code management.server.port}.
 */
@ManagementContextConfiguration(value = ManagementContextType.ANY, proxyBeanMethods = false)
@ConditionalOnChronoTraceEnabled
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(FilterRegistrationBean.class)
public class ChronoTraceEndpointHeadersManagementContextConfiguration {

	/** The name of the filter's registration bean; a bean of that name replaces ours. */
	public static final String FILTER_REGISTRATION_BEAN_NAME = "chronoTraceEndpointHeadersFilterRegistration";

	private static final String DEFAULT_PATH = "/actuator/" + ChronoTraceEndpoint.ID;

	@Bean(FILTER_REGISTRATION_BEAN_NAME)
	@ConditionalOnMissingBean(name = FILTER_REGISTRATION_BEAN_NAME)
	FilterRegistrationBean<EndpointHeadersFilter> chronoTraceEndpointHeadersFilterRegistration(
			ObjectProvider<PathMappedEndpoints> paths) {
		FilterRegistrationBean<EndpointHeadersFilter> registration = new FilterRegistrationBean<>(
				new EndpointHeadersFilter(() -> {
					PathMappedEndpoints endpoints = paths.getIfAvailable();
					String path = (endpoints != null) ? endpoints.getPath(EndpointId.of(ChronoTraceEndpoint.ID)) : null;
					return (path != null) ? path : DEFAULT_PATH;
				}));
		registration.setName("chronoTraceEndpointHeadersFilter");
		registration.setAsyncSupported(true);
		// first, so that the headers are there whatever answers: the endpoint, security or an error
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

}
