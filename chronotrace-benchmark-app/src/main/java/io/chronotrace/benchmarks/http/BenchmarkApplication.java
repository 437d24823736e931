package io.chronotrace.benchmarks.http;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The application of the HTTP load benchmark: a small JSON GET and a JSON POST echo, run once
 * with {@code chronotrace.enabled=false} (the baseline) and once recording every request; and,
 * for the cost of recording SQL results, a GET that reads 10 rows and a POST that reads a row and
 * updates one, on H2 in memory.
 */
@SpringBootApplication
public class BenchmarkApplication {

	public static void main(String[] args) {
		SpringApplication.run(BenchmarkApplication.class, args);
	}

	/**
	 * With {@code benchmark.plain-wrappers=true}, a filter that wraps every request and response
	 * in the servlet API's own pass-through wrappers and does nothing else: the floor of what any
	 * recorder that works as a servlet filter costs the application's own code behind it.
	 * @return the filter's registration
	 */
	@Bean
	@ConditionalOnBooleanProperty("benchmark.plain-wrappers")
	FilterRegistrationBean<Filter> plainWrappers() {
		Filter wrapping = (request, response, chain) -> chain.doFilter(
				new HttpServletRequestWrapper((HttpServletRequest) request),
				new HttpServletResponseWrapper((HttpServletResponse) response));
		FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(wrapping);
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

	/** The endpoints under load. */
	@RestController
	static class Api {

		private final JdbcTemplate jdbc;

		Api(JdbcTemplate jdbc) {
			this.jdbc = jdbc;
		}

		/** Product 0 fails (500): the load's failing requests, which the default mode keeps. */
		@GetMapping("/api/products/{id}")
		Product product(@PathVariable long id) {
			if (id == 0) {
				throw new IllegalStateException("no product 0");
			}
			return new Product(id, "Espresso beans 1kg", new BigDecimal("24.90"), List.of("coffee", "beans"));
		}

		/** With {@code ?fail=true}, fails (500) after reading the body. */
		@PostMapping("/api/echo")
		Map<String, Object> echo(@RequestBody Map<String, Object> body,
				@RequestParam(defaultValue = "false") boolean fail) {
			if (fail) {
				throw new IllegalStateException("echo failed as asked");
			}
			return body;
		}

		/** Reads 10 rows. */
		@GetMapping("/api/catalog")
		List<Map<String, Object>> catalog() {
			return this.jdbc.queryForList("select id, name, price, added from product order by id limit 10");
		}

		/** Reads the product's row and takes the quantity off its stock: a query and an update. */
		@PostMapping("/api/orders")
		@Transactional
		Map<String, Object> order(@RequestBody OrderRequest order) {
			Map<String, Object> product = this.jdbc.queryForMap("select id, name, price, stock from product where id = ?",
					order.productId());
			int updated = this.jdbc.update("update product set stock = stock - ?, added = ? where id = ?",
					order.quantity(), Timestamp.from(Instant.now()), order.productId());
			return Map.of("product", product.get("NAME"), "updated", updated);
		}

	}

	record Product(long id, String name, BigDecimal price, List<String> tags) {
	}

	record OrderRequest(long productId, int quantity) {
	}

}
