package io.chronotrace.benchmarks.http;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The application of the HTTP load benchmark: a small JSON GET and a JSON POST echo, run once
 * with {@code chronotrace.enabled=false} (the baseline) and once recording every request.
 */
@SpringBootApplication
public class BenchmarkApplication {

	public static void main(String[] args) {
		SpringApplication.run(BenchmarkApplication.class, args);
	}

	/** The endpoints under load. */
	@RestController
	static class Api {

		@GetMapping("/api/products/{id}")
		Product product(@PathVariable long id) {
			return new Product(id, "Espresso beans 1kg", new BigDecimal("24.90"), List.of("coffee", "beans"));
		}

		@PostMapping("/api/echo")
		Map<String, Object> echo(@RequestBody Map<String, Object> body) {
			return body;
		}

	}

	record Product(long id, String name, BigDecimal price, List<String> tags) {
	}

}
