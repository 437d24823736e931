package io.chronotrace.e2e;

import java.util.Map;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * An application that uses nothing but the starter's auto-configuration, as a user's would.
 */
@SpringBootApplication
public class ShopTestApplication {

	@RestController
	static class ShopController {

		@GetMapping("/api/products")
		Map<String, Object> products() {
			return Map.of("items", java.util.List.of(Map.of("id", 1, "name", "Espresso beans", "price", 24.9)));
		}

		@PostMapping("/api/orders")
		Map<String, Object> order(@RequestBody Map<String, Object> order) {
			return Map.of("status", "CONFIRMED", "lines", order.get("lines"));
		}

		@GetMapping("/api/fail")
		String fail() {
			throw new IllegalStateException("payment provider down");
		}

	}

}
