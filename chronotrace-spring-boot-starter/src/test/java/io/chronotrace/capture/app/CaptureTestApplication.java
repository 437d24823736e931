package io.chronotrace.capture.app;

import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.test.simple.SimpleTracer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.chronotrace.core.recording.ChronoTrace;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.ResponseStatusException;

/**
 * A small application whose requests cause each kind of event: queries, a cached lookup, an
 * outbound call, an {@code @Async} job, log records, a custom event and exceptions. A filter
 * plays the server span of Micrometer Tracing, and tells the client its ids.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableCaching
@EnableAsync
@Import({ CaptureTestApplication.CheckoutController.class, CaptureTestApplication.ReservationController.class })
public class CaptureTestApplication {

	/** The response headers that carry the ids of the request's span. */
	public static final String TRACE_ID_HEADER = "X-Test-Span-Trace-Id";

	public static final String SPAN_ID_HEADER = "X-Test-Span-Id";

	@Bean
	SimpleTracer tracer() {
		return new SimpleTracer();
	}

	@Bean
	FilterRegistrationBean<OncePerRequestFilter> serverSpanFilter(Tracer tracer) {
		FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
				new OncePerRequestFilter() {

					@Override
					protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
							FilterChain chain) throws ServletException, IOException {
						Span span = tracer.nextSpan().name("http.server").start();
						response.setHeader(TRACE_ID_HEADER, span.context().traceId());
						response.setHeader(SPAN_ID_HEADER, span.context().spanId());
						try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
							chain.doFilter(request, response);
						}
						finally {
							span.end();
						}
					}

				});
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
		return registration;
	}

	@Bean
	Catalog catalog(JdbcTemplate jdbc) {
		return new Catalog(jdbc);
	}

	@Bean
	Mailer mailer() {
		return new Mailer();
	}

	@RestController
	static class CheckoutController {

		private static final Logger logger = LoggerFactory.getLogger(CheckoutController.class);

		private final Catalog catalog;

		private final Mailer mailer;

		private final JdbcTemplate jdbc;

		private final RestClient restClient;

		private final Environment environment;

		CheckoutController(Catalog catalog, Mailer mailer, JdbcTemplate jdbc, RestClient.Builder restClient,
				Environment environment) {
			this.catalog = catalog;
			this.mailer = mailer;
			this.jdbc = jdbc;
			this.restClient = restClient.build();
			this.environment = environment;
		}

		@GetMapping("/checkout/{productId}")
		String checkout(@PathVariable long productId) {
			String name = this.catalog.name(productId);
			String stock = this.restClient.get()
				.uri("http://localhost:{port}/stock/{id}", this.environment.getProperty("local.server.port"), productId)
				.retrieve()
				.body(String.class);
			String orderId = UUID.randomUUID().toString();
			this.jdbc.update("insert into orders (id, product_id) values (?, ?)", orderId, productId);
			this.mailer.sendConfirmation(orderId).join();
			logger.info("Order placed: {} for {}", orderId, name);
			ChronoTrace.event("order.placed", Map.of("product", name));
			return orderId + " " + stock;
		}

		@GetMapping("/quote/{productId}")
		Callable<String> quote(@PathVariable long productId) {
			return () -> "quote for " + this.catalog.name(productId);
		}

		@GetMapping("/stock/{productId}")
		String stock(@PathVariable long productId) {
			return "{\"productId\":" + productId + ",\"available\":7}";
		}

		@GetMapping("/products/{productId}")
		String product(@PathVariable long productId) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No product " + productId);
		}

		@GetMapping("/payments/{id}/capture")
		String capture(@PathVariable String id) {
			throw new IllegalStateException("Payment provider rejected capture of payment " + id);
		}

		@GetMapping("/report")
		String report(@RequestParam int queries) {
			for (int i = 0; i < queries; i++) {
				this.jdbc.queryForObject("select 1", Integer.class);
			}
			return "ran " + queries + " queries";
		}

	}

	/** Reserves stock through a {@code WebClient}, sending a JSON body that holds secrets. */
	@RestController
	static class ReservationController {

		/** The password the reservation request sends; it must never be stored. */
		static final String PASSWORD = "s3cr3t-Reserve!";

		/** The e-mail address the reservation request sends; it must never be stored. */
		static final String EMAIL = "zoe.martin@example.org";

		private final WebClient webClient;

		private final Environment environment;

		ReservationController(WebClient.Builder webClient, Environment environment) {
			this.webClient = webClient.build();
			this.environment = environment;
		}

		@GetMapping("/reserve/{productId}")
		String reserve(@PathVariable long productId) {
			return this.webClient.post()
				.uri("http://localhost:{port}/stock/{id}/reservations", this.environment.getProperty("local.server.port"),
						productId)
				.bodyValue(new Reservation(productId, 1, "write to " + EMAIL, PASSWORD))
				.retrieve()
				.bodyToMono(String.class)
				.block();
		}

		@PostMapping("/stock/{productId}/reservations")
		String reservation(@RequestBody Reservation reservation) {
			return "{\"productId\":" + reservation.productId() + ",\"reserved\":" + reservation.quantity() + "}";
		}

		record Reservation(long productId, int quantity, String contact, String password) {
		}

	}

	static class Catalog {

		private final JdbcTemplate jdbc;

		Catalog(JdbcTemplate jdbc) {
			this.jdbc = jdbc;
			jdbc.execute("create table product (id bigint primary key, name varchar(100))");
			jdbc.execute("create table orders (id varchar(36) primary key, product_id bigint)");
			jdbc.update("insert into product values (1, 'Espresso beans'), (2, 'Milk frother'), (3, 'Ceramic cup')");
		}

		@Cacheable("products")
		public String name(long productId) {
			return this.jdbc.queryForObject("select name from product where id = ?", String.class, productId);
		}

	}

	static class Mailer {

		private static final Logger logger = LoggerFactory.getLogger(Mailer.class);

		@Async
		public CompletableFuture<Void> sendConfirmation(String orderId) {
			logger.info("Sending confirmation of order {}", orderId);
			return CompletableFuture.completedFuture(null);
		}

	}

}
