package io.chronotrace.autoconfigure;

import io.chronotrace.actuate.endpoint.reactive.BodilessPostWebFilter;
import io.chronotrace.actuate.endpoint.reactive.EndpointProtectionWebFilter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/**
 * The WebFlux twin of {@link ChronoTraceEndpointServletManagementContextConfiguration}: the
 * endpoint's protective headers and refusal of write requests from other sites
 * ({@link EndpointProtectionWebFilter}), and body-less POSTs that need no JSON content type
 * ({@link BodilessPostWebFilter}), in whichever context serves actuator endpoints.
 */
@ManagementContextConfiguration(value = ManagementContextType.ANY, proxyBeanMethods = false)
@ConditionalOnChronoTraceEnabled
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(name = "org.springframework.web.server.WebFilter")
public class ChronoTraceEndpointReactiveManagementContextConfiguration {

	@Bean
	@ConditionalOnMissingBean
	EndpointProtectionWebFilter chronoTraceEndpointProtectionWebFilter(ObjectProvider<PathMappedEndpoints> paths) {
		return new EndpointProtectionWebFilter(
				ChronoTraceEndpointAutoConfiguration.endpointPathOnce(paths));
	}

	@Bean
	@ConditionalOnMissingBean
	BodilessPostWebFilter chronoTraceBodilessPostWebFilter(ObjectProvider<PathMappedEndpoints> paths) {
		return new BodilessPostWebFilter(ChronoTraceEndpointAutoConfiguration.endpointPathOnce(paths));
	}

}
