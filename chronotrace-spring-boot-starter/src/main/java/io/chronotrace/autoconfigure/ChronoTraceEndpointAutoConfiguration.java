package io.chronotrace.autoconfigure;

import java.time.Clock;
import java.util.function.Supplier;

import io.chronotrace.actuate.endpoint.ChronoTraceEndpoint;
import io.chronotrace.actuate.endpoint.CurlCommand;
import io.chronotrace.actuate.endpoint.EndpointAudit;
import io.chronotrace.actuate.endpoint.JUnitTestSource;
import io.chronotrace.actuate.endpoint.TraceBrowserPage;
import io.chronotrace.actuate.endpoint.TraceExports;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.write.TraceWriter;
import io.chronotrace.replay.TraceReplayer;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.EndpointAccessResolver;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.util.ClassUtils;

/**
 * The {@code chronotrace} actuator endpoint, when actuator is present and the endpoint is
 * available (its access is not {@code none} and it is exposed, as for every endpoint).
 */
@AutoConfiguration(after = { ChronoTraceStorageAutoConfiguration.class, ChronoTraceWriterAutoConfiguration.class })
@ConditionalOnChronoTraceEnabled
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBean(TraceStorage.class)
@EnableConfigurationProperties({ ChronoTraceProperties.class, ReplayProperties.class })
public final class ChronoTraceEndpointAutoConfiguration {

	private static final String DEFAULT_PATH = "/actuator/" + ChronoTraceEndpoint.ID;

	private static final boolean SERVLET_REQUESTS = ClassUtils.isPresent(
			"org.springframework.web.context.request.RequestContextHolder",
			ChronoTraceEndpointAutoConfiguration.class.getClassLoader())
			&& ClassUtils.isPresent("jakarta.servlet.http.HttpServletRequest",
					ChronoTraceEndpointAutoConfiguration.class.getClassLoader());

	// on the method, not the class: the condition's own class is in actuator, which the class
	// condition checks first
	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint(ChronoTraceEndpoint.class)
	ChronoTraceEndpoint chronoTraceEndpoint(TraceStorage storage, ObjectProvider<EndpointAccessResolver> accessResolver,
			ObjectProvider<PathMappedEndpoints> paths, ReplayProperties replay, ListableBeanFactory beans,
			ObjectProvider<TraceReplayer> replayer, ObjectProvider<TraceWriter> writer, Environment environment,
			ChronoTraceProperties properties) {
		Supplier<String> endpointPath = endpointPathOnce(paths);
		Supplier<Access> access = () -> {
			EndpointAccessResolver resolver = accessResolver.getIfAvailable();
			return (resolver != null) ? resolver.accessFor(EndpointId.of(ChronoTraceEndpoint.ID), Access.READ_ONLY)
					: Access.READ_ONLY;
		};
		TraceBrowserPage page = new TraceBrowserPage(() -> browserPath(endpointPath, environment), access);
		TraceExports exports = new TraceExports(
				new CurlCommand(() -> LocalServerAddress.exportBaseUrl(environment),
						() -> endpointUrl(endpointPath, environment)),
				new JUnitTestSource(replay.getIgnorePaths(), replay.getSubstitutes(),
						() -> TestedApplication.of(beans, environment)));
		EndpointAudit audit = new EndpointAudit(properties.getEndpoint().isAudit(),
				() -> SERVLET_REQUESTS ? ServletRequestUrls.remoteAddress() : null);
		return new ChronoTraceEndpoint(storage, page, exports, Clock.systemUTC(), replayer.getIfAvailable(), audit,
				writer.getIfUnique());
	}

	/**
	 * The endpoint's path, looked up on first use and then kept: the filters ask for it on every
	 * request, and asking the bean factory each time cost a tenth of a small request's CPU.
	 */
	static Supplier<String> endpointPathOnce(ObjectProvider<PathMappedEndpoints> paths) {
		return SingletonSupplier.of(() -> endpointPath(paths));
	}

	/** The endpoint's path under the actuator base path, without the servlet context path. */
	private static String endpointPath(ObjectProvider<PathMappedEndpoints> paths) {
		PathMappedEndpoints endpoints = paths.getIfAvailable();
		String path = (endpoints != null) ? endpoints.getPath(EndpointId.of(ChronoTraceEndpoint.ID)) : null;
		return (path != null) ? path : DEFAULT_PATH;
	}

	/**
	 * The endpoint's URL as the caller reached it (scheme, host, port, context and management
	 * paths included); this application's own address when no request is being served.
	 */
	private static String endpointUrl(Supplier<String> endpointPath, Environment environment) {
		String path = endpointPath.get();
		String url = SERVLET_REQUESTS ? ServletRequestUrls.endpointUrl(path) : null;
		return (url != null) ? url : LocalServerAddress.exportBaseUrl(environment) + reactiveBasePath(environment) + path;
	}

	/**
	 * The path the browser used to reach the page: context path, management base path and
	 * port included, whatever they are. Known from the request being served in a servlet
	 * application; in a WebFlux one, which has no current request to ask, the endpoint's path
	 * under the base path the endpoint is served at.
	 */
	private static String browserPath(Supplier<String> endpointPath, Environment environment) {
		String path = SERVLET_REQUESTS ? ServletRequestUrls.requestPath() : null;
		return (path != null) ? path : reactiveBasePath(environment) + endpointPath.get();
	}

	/**
	 * {@code spring.webflux.base-path}, or {@code management.server.base-path} when the actuator
	 * has a port of its own; without a trailing slash.
	 */
	static String reactiveBasePath(Environment environment) {
		String managementPort = environment.getProperty("management.server.port");
		boolean ownPort = managementPort != null
				&& !managementPort.equals(environment.getProperty("server.port", "8080"));
		String basePath = ownPort ? environment.getProperty("management.server.base-path", "")
				: environment.getProperty("spring.webflux.base-path", "");
		basePath = basePath.trim();
		while (basePath.endsWith("/")) {
			basePath = basePath.substring(0, basePath.length() - 1);
		}
		return (basePath.isEmpty() || basePath.startsWith("/")) ? basePath : "/" + basePath;
	}

}
