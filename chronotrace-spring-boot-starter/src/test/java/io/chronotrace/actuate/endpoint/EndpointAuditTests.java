package io.chronotrace.actuate.endpoint;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.Principal;
import java.time.Instant;
import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.trace.TestTraces;
import io.chronotrace.core.trace.Trace;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.filter.OncePerRequestFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code chronotrace.endpoint.audit}, each read of a whole trace, export, attachment,
 * replay, delete and purge logs one line on {@code io.chronotrace.audit} naming the caller's
 * principal (as an authentication filter such as Spring Security's sets it on the request) and
 * address; listing and the page log nothing.
 */
@SpringBootTest(classes = { EndpointTestApplication.class, EndpointAuditTests.Authentication.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=chronotrace",
				"management.endpoint.chronotrace.access=unrestricted", "chronotrace.endpoint.audit=true" })
class EndpointAuditTests {

	@TempDir
	static Path root;

	@LocalServerPort
	int port;

	@Autowired
	TraceStorage storage;

	private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

	@DynamicPropertySource
	static void storagePath(DynamicPropertyRegistry registry) {
		registry.add("chronotrace.path", () -> root.resolve("traces").toString());
	}

	@BeforeEach
	void listen() {
		this.lines.start();
		((Logger) LoggerFactory.getLogger(EndpointAudit.LOGGER)).addAppender(this.lines);
	}

	@AfterEach
	void stopListening() {
		((Logger) LoggerFactory.getLogger(EndpointAudit.LOGGER)).detachAppender(this.lines);
	}

	@Test
	void eachReadExportReplayDeleteAndPurgeIsOneLineWithPrincipalAndAddress() throws IOException {
		Trace trace = TestTraces.full(Instant.now(), root);
		this.storage.store(trace);
		EndpointClient client = new EndpointClient(this.port);
		String base = "/actuator/chronotrace/" + trace.id();
		assertThat(client.get("/actuator/chronotrace").statusCode()).isEqualTo(200);
		assertThat(client.get(base).statusCode()).isEqualTo(200);
		assertThat(client.get(base + "/curl").statusCode()).isEqualTo(200);
		assertThat(client.get(base + "/test").statusCode()).isEqualTo(200);
		assertThat(client.get(base + "/attachments/request-body").statusCode()).isEqualTo(200);
		HttpResponse<String> replay = client.postJson(base + "/replay", "{}");
		assertThat(replay.statusCode()).as(replay.body()).isEqualTo(403);
		assertThat(client.delete(base).statusCode()).isEqualTo(204);
		assertThat(client.postJson("/actuator/chronotrace", "{\"olderThan\":\"P30D\"}").statusCode()).isEqualTo(200);
		assertThat(client.get("/actuator/chronotrace/not-an-id").statusCode()).isEqualTo(400);
		// localhost may be reached over IPv4 or IPv6
		List<String> logged = this.lines.list.stream()
			.map(ILoggingEvent::getFormattedMessage)
			.map((line) -> line.replace("from 0:0:0:0:0:0:0:1", "from 127.0.0.1"))
			.toList();
		String by = " by ops-alice from 127.0.0.1";
		assertThat(logged).containsExactly("chronotrace read " + trace.id() + " -> 200" + by,
				"chronotrace export curl " + trace.id() + " -> 200" + by,
				"chronotrace export test " + trace.id() + " -> 200" + by,
				"chronotrace read attachment request-body " + trace.id() + " -> 200" + by,
				"chronotrace replay " + trace.id() + " -> 403" + by, "chronotrace delete " + trace.id() + " -> 204" + by,
				"chronotrace purge older than P30D -> 200" + by, "chronotrace read not-an-id -> 400" + by);
		assertThat(this.lines.list).allSatisfy((line) -> assertThat(line.getLevel().toString()).isEqualTo("INFO"));
	}

	/** Sets a principal on every request, as an authentication filter would. */
	@Configuration(proxyBeanMethods = false)
	static class Authentication {

		@Bean
		FilterRegistrationBean<OncePerRequestFilter> authenticated() {
			FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
					new OncePerRequestFilter() {

						@Override
						protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
								FilterChain chain) throws ServletException, IOException {
							Principal alice = () -> "ops-alice";
							chain.doFilter(new HttpServletRequestWrapper(request) {

								@Override
								public Principal getUserPrincipal() {
									return alice;
								}

							}, response);
						}

					});
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
			return registration;
		}

	}

}
