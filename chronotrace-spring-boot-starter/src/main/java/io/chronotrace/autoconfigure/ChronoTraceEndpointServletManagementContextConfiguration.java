package io.chronotrace.autoconfigure;

import io.chronotrace.actuate.endpoint.servlet.BodilessPostFilter;
import io.chronotrace.actuate.endpoint.servlet.EndpointProtectionFilter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * What the {@code chronotrace} endpoint adds to actuator in a servlet application, in whichever
 * context serves actuator endpoints (the application's own, or the management context of a
 * separate {@code management.server.port}): the protective headers of its answers and the
 * refusal of write requests from other sites ({@link EndpointProtectionFilter}), and body-less
 * POSTs that need no JSON content type ({@link BodilessPostFilter}).
 */
@ManagementContextConfiguration(value = ManagementContextType.ANY, proxyBeanMethods = false)
@ConditionalOnChronoTraceEnabled
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(FilterRegistrationBean.class)
public class ChronoTraceEndpointServletManagementContextConfiguration {

	/** The name of the protection filter's registration bean; a bean of that name replaces ours. */
	public static final String PROTECTION_FILTER_REGISTRATION_BEAN_NAME = "chronoTraceEndpointProtectionFilterRegistration";

	/** The name of the body-less POST filter's registration bean; a bean of that name replaces ours. */
	public static final String BODILESS_POST_FILTER_REGISTRATION_BEAN_NAME = "chronoTraceBodilessPostFilterRegistration";

	@Bean(PROTECTION_FILTER_REGISTRATION_BEAN_NAME)
	@ConditionalOnMissingBean(name = PROTECTION_FILTER_REGISTRATION_BEAN_NAME)
	FilterRegistrationBean<EndpointProtectionFilter> chronoTraceEndpointProtectionFilterRegistration(
			ObjectProvider<PathMappedEndpoints> paths) {
		FilterRegistrationBean<EndpointProtectionFilter> registration = new FilterRegistrationBean<>(
				new EndpointProtectionFilter(ChronoTraceEndpointAutoConfiguration.endpointPathOnce(paths)));
		registration.setName("chronoTraceEndpointProtectionFilter");
		registration.setAsyncSupported(true);
		// first, so that the headers are there whatever answers: the endpoint, security or an error
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	@Bean(BODILESS_POST_FILTER_REGISTRATION_BEAN_NAME)
	@ConditionalOnMissingBean(name = BODILESS_POST_FILTER_REGISTRATION_BEAN_NAME)
	FilterRegistrationBean<BodilessPostFilter> chronoTraceBodilessPostFilterRegistration(
			ObjectProvider<PathMappedEndpoints> paths) {
		FilterRegistrationBean<BodilessPostFilter> registration = new FilterRegistrationBean<>(
				new BodilessPostFilter(ChronoTraceEndpointAutoConfiguration.endpointPathOnce(paths)));
		registration.setName("chronoTraceBodilessPostFilter");
		registration.setAsyncSupported(true);
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
		return registration;
	}

}
