package io.chronotrace.actuate.endpoint;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * An application with the starter, actuator and Spring MVC, for the endpoint's tests.
 */
@SpringBootApplication
public class EndpointTestApplication {

	@RestController
	static class EchoController {

		@GetMapping("/api/greeting")
		Map<String, Object> greeting() {
			return Map.of("text", "hello");
		}

		/** Answers what it received, so that a test can see what a command sent. */
		@PostMapping("/api/echo")
		Map<String, Object> echo(@RequestParam Map<String, String> parameters, @RequestHeader HttpHeaders headers,
				@RequestBody String body) {
			Map<String, Object> echo = new LinkedHashMap<>();
			echo.put("parameters", parameters);
			echo.put("authorization", headers.getFirst("Authorization"));
			echo.put("body", body);
			return echo;
		}

	}

}
