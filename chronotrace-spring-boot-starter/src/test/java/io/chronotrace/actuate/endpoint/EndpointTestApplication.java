package io.chronotrace.actuate.endpoint;

import java.util.Map;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An application with the starter, actuator and Spring MVC, for the endpoint's tests.
 */
@SpringBootApplication
public class EndpointTestApplication {

	@RestController
	static class GreetingController {

		@GetMapping("/api/greeting")
		Map<String, Object> greeting() {
			return Map.of("text", "hello");
		}

	}

}
