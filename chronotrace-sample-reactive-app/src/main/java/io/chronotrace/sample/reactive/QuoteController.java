package io.chronotrace.sample.reactive;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;

import io.chronotrace.core.recording.ChronoTrace;

/** The reactive sample's endpoints. */
@RestController
@RequestMapping("/api")
class QuoteController {

	private static final Logger logger = LoggerFactory.getLogger(QuoteController.class);

	private final WebClient.Builder webClient;

	private final Environment environment;

	QuoteController(WebClient.Builder webClient, Environment environment) {
		this.webClient = webClient;
		this.environment = environment;
	}

	/** Answers the JSON it was sent, with the time it was received. */
	@PostMapping("/echo")
	Mono<Map<String, Object>> echo(@RequestBody Map<String, Object> body) {
		logger.info("Echoing {} fields", body.size());
		return Mono.just(Map.of("received", body, "at", System.currentTimeMillis()));
	}

	/** A quote: the list price, fetched from {@code /api/prices/{sku}} through WebClient, less 10%. */
	@GetMapping("/quotes/{sku}")
	Mono<Map<String, Object>> quote(@PathVariable String sku) {
		return this.webClient.baseUrl("http://localhost:" + this.environment.getProperty("local.server.port", "8081"))
			.build()
			.get()
			.uri("/api/prices/{sku}", sku)
			.retrieve()
			.bodyToMono(Price.class)
			.map((price) -> {
				BigDecimal quoted = price.amount().multiply(new BigDecimal("0.90"));
				ChronoTrace.event("quote.made", Map.of("sku", sku, "amount", quoted));
				return Map.of("sku", sku, "listPrice", price.amount(), "quote", quoted);
			});
	}

	/** The list price of a product. */
	@GetMapping("/prices/{sku}")
	Price price(@PathVariable String sku) {
		return new Price(sku, new BigDecimal(sku.length()).multiply(new BigDecimal("4.25")));
	}

	/** Fails after a warning: the trace holds the exception and the error response the client got. */
	@GetMapping("/payments/{id}/capture")
	Mono<Map<String, Object>> capture(@PathVariable String id) {
		return Mono.delay(Duration.ofMillis(20)).map((tick) -> {
			logger.warn("Payment provider timed out for {}", id);
			throw new IllegalStateException("Payment provider unavailable");
		});
	}

	/** Five ticks as server-sent events, recorded as they stream. */
	@GetMapping(path = "/ticks", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	Flux<ServerSentEvent<String>> ticks() {
		// delayElements waits for demand, where interval fails when the client reads slower than it ticks
		return Flux.range(0, 5)
			.delayElements(Duration.ofMillis(100))
			.map((tick) -> ServerSentEvent.builder("tick " + tick).id(Integer.toString(tick)).build());
	}

	record Price(String sku, BigDecimal amount) {
	}

}
