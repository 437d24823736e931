package io.chronotrace.replay;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.web.client.RestClient;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * A shop whose basket prices can be changed between a recording and its replay, whose stock
 * comes from a remote warehouse (a URL the test sets), and which remembers the last request it
 * received at {@code /echo}, so that a test sees what a replay sent.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(ReplayTestApplication.ShopController.class)
public class ReplayTestApplication {

	@Bean
	Shop shop() {
		return new Shop();
	}

	/** What tests change and read. */
	public static class Shop {

		final AtomicReference<BigDecimal> price = new AtomicReference<>(new BigDecimal("4.5"));

		final AtomicReference<String> warehouse = new AtomicReference<>("http://localhost:1");

		final AtomicReference<@Nullable Received> received = new AtomicReference<>();

	}

	/** A request as {@code /echo} received it. */
	record Received(Map<String, List<String>> headers, MultiValueMap<String, String> parameters,
			@Nullable Map<String, Object> body) {
	}

	@RestController
	static class ShopController {

		private final Shop shop;

		private final RestClient warehouse;

		private final RestTemplate template;

		private final WebClient webClient;

		ShopController(Shop shop, RestClient.Builder builder, RestTemplateBuilder templateBuilder,
				WebClient.Builder webClientBuilder) {
			this.shop = shop;
			this.warehouse = builder.build();
			this.template = templateBuilder.build();
			this.webClient = webClientBuilder.build();
		}

		@GetMapping(path = "/stock/{id}/{client}", produces = MediaType.APPLICATION_JSON_VALUE)
		Map<String, Object> stockThrough(@PathVariable int id, @PathVariable String client) {
			String url = this.shop.warehouse.get() + "/stock/" + id;
			String answer = switch (client) {
				case "template" -> this.template.getForObject(url, String.class);
				case "webclient" -> this.webClient.get().uri(url).retrieve().bodyToMono(String.class).block();
				default -> throw new IllegalArgumentException(client);
			};
			return Map.of("id", id, "warehouse", answer);
		}

		@GetMapping(path = "/basket", produces = MediaType.APPLICATION_JSON_VALUE)
		Map<String, Object> basket() {
			return Map.of("currency", "EUR",
					"items", List.of(Map.of("name", "cup", "price", this.shop.price.get())));
		}

		@GetMapping(path = "/stock/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
		Map<String, Object> stock(@PathVariable int id) {
			String answer = this.warehouse.get()
				.uri(this.shop.warehouse.get() + "/stock/" + id)
				.retrieve()
				.body(String.class);
			return Map.of("id", id, "warehouse", answer);
		}

		@RequestMapping(path = "/echo", method = { RequestMethod.GET, RequestMethod.POST },
				produces = MediaType.APPLICATION_JSON_VALUE)
		Map<String, String> echo(@RequestHeader MultiValueMap<String, String> headers,
				@RequestParam MultiValueMap<String, String> parameters,
				@RequestBody(required = false) @Nullable Map<String, Object> body) {
			Map<String, List<String>> copy = new LinkedHashMap<>();
			headers.forEach((name, values) -> copy.put(name.toLowerCase(java.util.Locale.ROOT), values));
			this.shop.received.set(new Received(copy, parameters, body));
			return Map.of("ok", "yes");
		}

		@GetMapping("/fail")
		String fail() {
			throw new IllegalStateException("the warehouse is on fire");
		}

		/** An absolute URL built from the request's Host, as links and Location headers are. */
		@GetMapping(path = "/here", produces = MediaType.APPLICATION_JSON_VALUE)
		Map<String, Object> here() {
			return Map.of("self", ServletUriComponentsBuilder.fromCurrentRequest().toUriString());
		}

		/** The same colours in a new order on every call, as a HashSet of a fresh JVM may give them. */
		@GetMapping(path = "/shuffled", produces = MediaType.APPLICATION_JSON_VALUE)
		Map<String, Object> shuffled() {
			List<String> colors = new java.util.ArrayList<>(List.of("red", "green", "blue", "cyan", "magenta", "yellow"));
			java.util.Collections.shuffle(colors);
			return Map.of("colors", colors);
		}

		@GetMapping(path = "/colors", produces = MediaType.APPLICATION_JSON_VALUE)
		Map<String, Object> colors() {
			return Map.of("colors", List.of("red", "green", "blue"));
		}

		@GetMapping(path = "/large", produces = MediaType.TEXT_PLAIN_VALUE)
		String large(@RequestParam int size) {
			return "x".repeat(size);
		}

	}

}
