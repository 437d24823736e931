package io.chronotrace.web.reactive;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.r2dbc.h2.H2ConnectionFactory;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Result;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Service;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.ResponseStatusException;

import io.chronotrace.core.recording.ChronoTrace;

/**
 * A WebFlux application with only the starter added: JSON in and out, a {@code WebClient} call,
 * a cached lookup, R2DBC queries (with r2dbc-proxy on the classpath), a failure, a 404 and a
 * server-sent event stream.
 */
@SpringBootApplication(proxyBeanMethods = false)
@EnableCaching
public class ReactiveRecordingTestApplication {

	@Bean
	ConnectionFactory shopDatabase() {
		return H2ConnectionFactory.inMemory("reactive-shop");
	}

	@Bean
	InitializingBean shelvesTable(ConnectionFactory shopDatabase) {
		return () -> Mono.usingWhen(shopDatabase.create(),
				(connection) -> Flux
					.from(connection.createBatch()
						.add("CREATE TABLE shelves (sku VARCHAR(40), shelf VARCHAR(40))")
						.add("INSERT INTO shelves VALUES ('tea-42', 'A1'), ('tea-42', 'B7'), ('coffee-1', 'C3')")
						.execute())
					.flatMap(Result::getRowsUpdated)
					.then(),
				Connection::close)
			.block(Duration.ofSeconds(10));
	}

	@RestController
	static class ShopController {

		private static final Logger logger = LoggerFactory.getLogger(ShopController.class);

		private final WebClient.Builder webClient;

		private final Environment environment;

		private final PriceList prices;

		private final ConnectionFactory database;

		ShopController(WebClient.Builder webClient, Environment environment, PriceList prices,
				ConnectionFactory database) {
			this.webClient = webClient;
			this.environment = environment;
			this.prices = prices;
			this.database = database;
		}

		@GetMapping("/shelves/{sku}")
		Mono<Map<String, Object>> shelves(@PathVariable String sku) {
			return Mono.usingWhen(this.database.create(),
					(connection) -> Flux
						.from(connection.createStatement("SELECT shelf FROM shelves WHERE sku = $1 ORDER BY shelf")
							.bind("$1", sku)
							.execute())
						.flatMap((result) -> result.map((row, metadata) -> row.get("shelf", String.class)))
						.collectList(),
					Connection::close)
				.map((List<String> shelves) -> Map.of("sku", sku, "shelves", shelves));
		}

		@PostMapping("/orders")
		Mono<Map<String, Object>> order(@RequestBody Mono<Map<String, Object>> order) {
			return order.delayElement(Duration.ofMillis(5)).map((placed) -> {
				logger.info("Placing order for {}", placed.get("sku"));
				ChronoTrace.event("order.placed", Map.of("sku", String.valueOf(placed.get("sku"))));
				return Map.of("status", "placed", "order", placed);
			});
		}

		@PostMapping(path = "/echo", consumes = MediaType.TEXT_PLAIN_VALUE, produces = MediaType.TEXT_PLAIN_VALUE)
		Mono<String> echo(@RequestBody String body) {
			return Mono.just(body);
		}

		@GetMapping(path = "/big", produces = MediaType.TEXT_PLAIN_VALUE)
		Flux<String> big() {
			return Flux.range(0, 1000).map((i) -> "line %04d of a long response body, sixty bytes with the LF.\n".formatted(i));
		}

		@GetMapping("/stock/{sku}")
		Mono<Map<String, Object>> stock(@PathVariable String sku) {
			String port = this.environment.getProperty("local.server.port");
			return this.webClient.baseUrl("http://localhost:" + port)
				.build()
				.get()
				.uri("/warehouse/{sku}", sku)
				.retrieve()
				.bodyToMono(Map.class)
				.map((stock) -> Map.of("sku", sku, "available", stock.get("count")));
		}

		@GetMapping("/warehouse/{sku}")
		Map<String, Object> warehouse(@PathVariable String sku) {
			return Map.of("sku", sku, "count", 7);
		}

		@GetMapping("/prices/{sku}")
		Mono<Map<String, Object>> price(@PathVariable String sku) {
			return Mono.fromCallable(() -> Map.of("sku", sku, "price", this.prices.price(sku)));
		}

		@GetMapping("/boom")
		Mono<String> boom() {
			return Mono.delay(Duration.ofMillis(5)).map((tick) -> {
				logger.warn("About to fail");
				throw new IllegalStateException("the warehouse is on fire");
			});
		}

		@GetMapping("/orders/{id}")
		Mono<String> missing(@PathVariable String id) {
			return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND, "no order " + id));
		}

		@GetMapping(path = "/ticks", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
		Flux<ServerSentEvent<String>> ticks() {
			// delayElements waits for demand, where interval fails when the client reads slower than it ticks
			return Flux.range(0, 5)
				.delayElements(Duration.ofMillis(20))
				.map((tick) -> ServerSentEvent.builder("tick " + tick).id(String.valueOf(tick)).build());
		}

	}

	@Service
	static class PriceList {

		@Cacheable("prices")
		public int price(String sku) {
			return sku.length() * 100;
		}

	}

}
