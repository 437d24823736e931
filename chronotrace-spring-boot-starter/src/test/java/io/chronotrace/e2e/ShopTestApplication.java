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

		@PostMapping("/api/login")
		Map<String, Object> login(@RequestBody Map<String, Object> credentials,
				@org.springframework.web.bind.annotation.RequestHeader(name = "Authorization",
						required = false) String authorization) {
			// echoes what it got, as careless endpoints do: the response must be scrubbed too
			return Map.of("user", credentials.get("username"), "echo", credentials);
		}

		@PostMapping(path = "/api/notes", consumes = "text/plain")
		String note(@RequestBody String note) {
			return "saved: " + note;
		}

		@PostMapping(path = "/api/payments", consumes = "application/x-www-form-urlencoded")
		String pay(@org.springframework.web.bind.annotation.RequestParam("cardNumber") String cardNumber,
				@org.springframework.web.bind.annotation.RequestParam("amount") String amount) {
			return "paid " + amount + " with card ending " + cardNumber.substring(cardNumber.length() - 4);
		}

		@GetMapping("/api/fail")
		String fail() {
			throw new IllegalStateException("payment provider down");
		}

	}

}
