package io.chronotrace.actuate.endpoint.ui;

import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.chronotrace.core.recording.ChronoTrace;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.server.ResponseStatusException;

/**
 * A small shop whose requests leave traces worth browsing: SQL with bind values (and an N+1
 * listing), a cached lookup, an outbound call, a log record, a custom event, a 404 and a 500. A
 * product's view counter changes with every read, so a replay of a read differs from its recording.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableCaching
@Import(TraceBrowserTestApplication.ShopController.class)
public class TraceBrowserTestApplication {

	@Bean
	Catalog catalog(JdbcTemplate jdbc) {
		return new Catalog(jdbc);
	}

	@RestController
	static class ShopController {

		private static final Logger logger = LoggerFactory.getLogger(ShopController.class);

		private final Catalog catalog;

		private final JdbcTemplate jdbc;

		private final RestClient restClient;

		private final Environment environment;

		ShopController(Catalog catalog, JdbcTemplate jdbc, RestClient.Builder restClient, Environment environment) {
			this.catalog = catalog;
			this.jdbc = jdbc;
			this.restClient = restClient.build();
			this.environment = environment;
		}

		@GetMapping("/api/products/{id}")
		Map<String, Object> product(@PathVariable long id) {
			String name = this.catalog.name(id);
			this.jdbc.update("update product set views = views + 1 where id = ?", id);
			Map<String, Object> row = this.jdbc.queryForMap("select price, views from product where id = ?", id);
			return Map.of("id", id, "name", name, "price", row.get("PRICE"), "views", row.get("VIEWS"));
		}

		@GetMapping("/api/products")
		List<String> products() {
			// one query per product: the N+1 pattern the timeline marks
			return this.jdbc.queryForList("select id from product order by id", Long.class)
				.stream()
				.map((id) -> this.jdbc.queryForObject("select name from product where id = ?", String.class, id))
				.toList();
		}

		@PostMapping("/api/orders")
		@ResponseStatus(HttpStatus.CREATED)
		Map<String, Object> order(@RequestBody Map<String, Object> order) {
			long productId = ((Number) order.get("productId")).longValue();
			String name = this.catalog.name(productId);
			String stock = this.restClient.get()
				.uri("http://localhost:{port}/api/stock/{id}", this.environment.getProperty("local.server.port"),
						productId)
				.retrieve()
				.body(String.class);
			this.jdbc.update("insert into orders (product_id, quantity) values (?, ?)", productId, order.get("quantity"));
			logger.info("Order placed for {}", name);
			ChronoTrace.event("order.placed", Map.of("product", name));
			return Map.of("status", "CONFIRMED", "product", name, "stock", stock);
		}

		@GetMapping("/api/stock/{id}")
		Map<String, Object> stock(@PathVariable long id) {
			return Map.of("productId", id, "available", 7);
		}

		@GetMapping("/api/orders/{id}")
		Map<String, Object> orderById(@PathVariable long id) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No order " + id);
		}

		@GetMapping("/api/fail")
		String fail() {
			throw new IllegalStateException("Payment provider down");
		}

		@GetMapping("/api/catalog")
		List<Map<String, Object>> catalogue() {
			// larger than the tests' max-payload-size: stored as an attachment beside the trace
			return java.util.stream.IntStream.rangeClosed(1, 60)
				.mapToObj((n) -> Map.<String, Object>of("id", n, "name", "Product number " + n, "price", n * 1.5))
				.toList();
		}

		/** A page that frames the trace browser, as a clickjacking page of another site would. */
		@GetMapping(path = "/framing", produces = "text/html")
		String framing(@RequestParam String src) {
			return "<!DOCTYPE html><html><body><iframe id=\"f\" src=\"" + src.replace("\"", "") + "\"></iframe></body></html>";
		}

		@GetMapping("/api/ping/{n}")
		String ping(@PathVariable int n) {
			return "pong " + n;
		}

	}

	static class Catalog {

		private final JdbcTemplate jdbc;

		Catalog(JdbcTemplate jdbc) {
			this.jdbc = jdbc;
			jdbc.execute("create table product (id bigint primary key, name varchar(100), price decimal(10,2), views int)");
			jdbc.execute("create table orders (id bigint auto_increment primary key, product_id bigint, quantity int)");
			jdbc.update("insert into product values (1, 'Espresso beans', 24.90, 0), (2, 'Milk frother', 39.00, 0), "
					+ "(3, 'Ceramic cup', 8.50, 0)");
		}

		@Cacheable("products")
		public String name(long id) {
			return this.jdbc.queryForObject("select name from product where id = ?", String.class, id);
		}

	}

}
