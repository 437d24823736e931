package io.chronotrace.capture.http;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import io.chronotrace.autoconfigure.ChronoTraceHttpClientCaptureAutoConfiguration;
import io.chronotrace.capture.Recorded;
import io.chronotrace.core.trace.HttpClientEvent;
import io.chronotrace.core.trace.TraceBody;
import io.chronotrace.core.trace.TraceEvent;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.http.MediaType;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class HttpClientCaptureTests {

	private static final String PRODUCT = "{\"id\":1,\"name\":\"Espresso beans\"}";

	private static final String BIG = "x".repeat(100_000);

	private static final byte[] LOGO = { (byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10 };

	private static HttpServer server;

	private static String baseUrl;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(HttpMessageConvertersAutoConfiguration.class,
				RestClientAutoConfiguration.class, RestTemplateAutoConfiguration.class, WebClientAutoConfiguration.class,
				ChronoTraceHttpClientCaptureAutoConfiguration.class))
		.withPropertyValues("chronotrace.capture.max-body-size=1KB");

	@BeforeAll
	static void startServer() throws IOException {
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/products/1", (exchange) -> respond(exchange, 200, "application/json", PRODUCT));
		server.createContext("/big", (exchange) -> respond(exchange, 200, "text/plain", BIG));
		server.createContext("/orders", (exchange) -> respond(exchange, 201, "application/json",
				new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
		server.createContext("/logo.png", (exchange) -> respond(exchange, 200, "image/png", LOGO));
		server.createContext("/broken", (exchange) -> respond(exchange, 500, "text/plain", "down for maintenance"));
		server.start();
		baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
	}

	@AfterAll
	static void stopServer() {
		server.stop(0);
	}

	@Test
	void recordsARestClientCallWithStatusHeadersResponseBodyAndDuration() {
		this.runner.run((context) -> {
			RestClient client = context.getBean(RestClient.Builder.class).baseUrl(baseUrl).build();
			String[] body = new String[1];
			Recorded recorded = Recorded.of(() -> body[0] = client.get().uri("/products/1").retrieve().body(String.class));
			assertThat(body[0]).isEqualTo(PRODUCT);
			HttpClientEvent event = single(recorded);
			assertThat(event.client()).isEqualTo("RestClient");
			assertThat(event.method()).isEqualTo("GET");
			assertThat(event.url()).isEqualTo(baseUrl + "/products/1");
			assertThat(event.status()).isEqualTo(200);
			assertThat(event.outcome()).isEqualTo(TraceEvent.OK);
			assertThat(event.durationMicros()).isPositive();
			assertThat(event.responseHeaders()).containsEntry("Content-type", List.of("application/json"));
			assertThat(event.responseBody().content()).isEqualTo(PRODUCT);
			assertThat(event.responseBody().encoding()).isEqualTo(TraceBody.Encoding.TEXT);
			assertThat(event.responseSize()).isEqualTo(PRODUCT.length());
			assertThat(event.requestBody()).isNull();
		});
	}

	@Test
	void recordsTheRequestBodyOfAPost() {
		this.runner.run((context) -> {
			RestClient client = context.getBean(RestClient.Builder.class).baseUrl(baseUrl).build();
			Recorded recorded = Recorded.of(() -> client.post()
				.uri("/orders")
				.contentType(MediaType.APPLICATION_JSON)
				.body("{\"productId\":1}")
				.retrieve()
				.toBodilessEntity());
			HttpClientEvent event = single(recorded);
			assertThat(event.status()).isEqualTo(201);
			assertThat(event.requestBody().content()).isEqualTo("{\"productId\":1}");
			assertThat(event.requestSize()).isEqualTo(15);
			assertThat(event.requestHeaders()).containsKey("Content-Type");
		});
	}

	@Test
	void cutsABodyLargerThanTheLimitWhileTheApplicationReadsItWhole() {
		this.runner.run((context) -> {
			RestClient client = context.getBean(RestClient.Builder.class).baseUrl(baseUrl).build();
			String[] body = new String[1];
			Recorded recorded = Recorded.of(() -> body[0] = client.get().uri("/big").retrieve().body(String.class));
			assertThat(body[0]).isEqualTo(BIG);
			TraceBody captured = single(recorded).responseBody();
			assertThat(captured.content()).hasSize(1024);
			assertThat(captured.capturedSize()).isEqualTo(1024);
			assertThat(captured.size()).isEqualTo(100_000);
			assertThat(captured.truncated()).isTrue();
		});
	}

	@Test
	void keepsOnlyTheSizeOfABinaryBodyWhichCannotBeScrubbed() {
		this.runner.run((context) -> {
			RestClient client = context.getBean(RestClient.Builder.class).baseUrl(baseUrl).build();
			byte[][] body = new byte[1][];
			Recorded recorded = Recorded.of(() -> body[0] = client.get().uri("/logo.png").retrieve().body(byte[].class));
			assertThat(body[0]).isEqualTo(LOGO);
			TraceBody captured = single(recorded).responseBody();
			assertThat(captured.encoding()).isEqualTo(TraceBody.Encoding.OMITTED);
			assertThat(captured.content()).isNull();
			assertThat(captured.size()).isEqualTo(LOGO.length);
		});
	}

	@Test
	void keepsABinaryBodyAsBase64WhenBinaryBodiesAreOn() {
		this.runner.withPropertyValues("chronotrace.capture.binary-bodies=true").run((context) -> {
			RestClient client = context.getBean(RestClient.Builder.class).baseUrl(baseUrl).build();
			Recorded recorded = Recorded.of(() -> client.get().uri("/logo.png").retrieve().body(byte[].class));
			TraceBody captured = single(recorded).responseBody();
			assertThat(captured.encoding()).isEqualTo(TraceBody.Encoding.BASE64);
			assertThat(java.util.Base64.getDecoder().decode(captured.content())).isEqualTo(LOGO);
		});
	}

	@Test
	void recordsAnErrorStatusAsAResponse() {
		this.runner.run((context) -> {
			RestClient client = context.getBean(RestClient.Builder.class).baseUrl(baseUrl).build();
			Recorded recorded = Recorded.of(() -> assertThatExceptionOfType(HttpServerErrorException.class)
				.isThrownBy(() -> client.get().uri("/broken").retrieve().body(String.class)));
			HttpClientEvent event = single(recorded);
			assertThat(event.status()).isEqualTo(500);
			assertThat(event.outcome()).isEqualTo(TraceEvent.OK);
			assertThat(event.responseBody().content()).isEqualTo("down for maintenance");
		});
	}

	@Test
	void recordsACallThatGotNoResponseAsAnError() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		this.runner.run((context) -> {
			RestClient client = context.getBean(RestClient.Builder.class).build();
			Recorded recorded = Recorded.of(() -> assertThatExceptionOfType(ResourceAccessException.class)
				.isThrownBy(() -> client.get().uri("http://127.0.0.1:" + closedPort + "/stock").retrieve().body(String.class)));
			HttpClientEvent event = single(recorded);
			assertThat(event.outcome()).isEqualTo(TraceEvent.ERROR);
			assertThat(event.status()).isNull();
			assertThat(event.error()).contains("Connect");
		});
	}

	@Test
	void recordsARestTemplateCall() {
		this.runner.run((context) -> {
			var restTemplate = context.getBean(RestTemplateBuilder.class).rootUri(baseUrl).build();
			Recorded recorded = Recorded.of(() -> restTemplate.getForObject("/products/1", String.class));
			HttpClientEvent event = single(recorded);
			assertThat(event.client()).isEqualTo("RestTemplate");
			assertThat(event.status()).isEqualTo(200);
			assertThat(event.responseBody().content()).isEqualTo(PRODUCT);
		});
	}

	@Test
	void recordsAWebClientCallWithTheResponseBodyAsItStreams() {
		this.runner.run((context) -> {
			WebClient client = context.getBean(WebClient.Builder.class).baseUrl(baseUrl).build();
			String[] body = new String[1];
			Recorded recorded = Recorded.of(
					() -> body[0] = client.get().uri("/big").retrieve().bodyToMono(String.class).block());
			assertThat(body[0]).isEqualTo(BIG);
			HttpClientEvent event = single(recorded);
			assertThat(event.client()).isEqualTo("WebClient");
			assertThat(event.status()).isEqualTo(200);
			assertThat(event.durationMicros()).isPositive();
			assertThat(event.responseBody().content()).isEqualTo(BIG.substring(0, 1024));
			assertThat(event.responseSize()).isEqualTo(100_000);
		});
	}

	@Test
	void recordsTheRequestBodyOfAWebClientPostAsItIsWritten() {
		this.runner.run((context) -> {
			WebClient client = context.getBean(WebClient.Builder.class).baseUrl(baseUrl).build();
			String[] received = new String[1];
			Recorded recorded = Recorded.of(() -> received[0] = client.post()
				.uri("/orders")
				.bodyValue(new OrderLine(1, 2))
				.retrieve()
				.bodyToMono(String.class)
				.block());
			assertThat(received[0]).isEqualTo("{\"productId\":1,\"quantity\":2}");
			HttpClientEvent event = single(recorded);
			assertThat(event.status()).isEqualTo(201);
			assertThat(event.requestBody().content()).isEqualTo(received[0]);
			assertThat(event.requestBody().contentType()).isEqualTo("application/json");
			assertThat(event.requestBody().truncated()).isFalse();
			assertThat(event.requestSize()).isEqualTo(received[0].length());
		});
	}

	@Test
	void cutsAStreamedWebClientRequestBodyAtTheLimitWhileTheServerReceivesItWhole() {
		this.runner.run((context) -> {
			WebClient client = context.getBean(WebClient.Builder.class).baseUrl(baseUrl).build();
			Flux<String> chunks = Flux.range(0, 100).map((i) -> BIG.substring(i * 1000, (i + 1) * 1000));
			String[] received = new String[1];
			Recorded recorded = Recorded.of(() -> received[0] = client.post()
				.uri("/orders")
				.contentType(MediaType.TEXT_PLAIN)
				.body(chunks, String.class)
				.retrieve()
				.bodyToMono(String.class)
				.block());
			assertThat(received[0]).isEqualTo(BIG);
			TraceBody captured = single(recorded).requestBody();
			assertThat(captured.content()).isEqualTo(BIG.substring(0, 1024));
			assertThat(captured.capturedSize()).isEqualTo(1024);
			assertThat(captured.size()).isEqualTo(100_000);
			assertThat(captured.truncated()).isTrue();
			assertThat(single(recorded).requestSize()).isEqualTo(100_000);
		});
	}

	@Test
	void aWebClientRequestWithoutABodyHasNone() {
		this.runner.run((context) -> {
			WebClient client = context.getBean(WebClient.Builder.class).baseUrl(baseUrl).build();
			Recorded recorded = Recorded.of(() -> client.get().uri("/products/1").retrieve().bodyToMono(String.class).block());
			assertThat(single(recorded).requestBody()).isNull();
			assertThat(single(recorded).requestSize()).isZero();
		});
	}

	@Test
	void callsOfThreadsThatRecordNothingAddNoEvent() {
		this.runner.run((context) -> {
			RestClient client = context.getBean(RestClient.Builder.class).baseUrl(baseUrl).build();
			Recorded recorded = Recorded.of(() -> {
				Thread other = new Thread(() -> client.get().uri("/products/1").retrieve().body(String.class));
				other.start();
				other.join();
			});
			assertThat(recorded.events()).isEmpty();
		});
	}

	@Test
	void outboundBodiesAreCutAtSixteenKilobytesWhateverTheExchangesLimit() {
		this.runner.withPropertyValues("chronotrace.capture.max-body-size=10MB").run((context) -> {
			RestClient client = context.getBean(RestClient.Builder.class).baseUrl(baseUrl).build();
			Recorded recorded = Recorded.of(() -> client.get().uri("/big").retrieve().body(String.class));
			assertThat(single(recorded).responseBody().capturedSize()).isEqualTo(HttpBodySettings.MAX_BODY_SIZE);
			WebClient webClient = context.getBean(WebClient.Builder.class).baseUrl(baseUrl).build();
			Recorded posted = Recorded.of(() -> webClient.post()
				.uri("/orders")
				.contentType(MediaType.TEXT_PLAIN)
				.bodyValue(BIG)
				.retrieve()
				.bodyToMono(String.class)
				.block());
			assertThat(single(posted).requestBody().capturedSize()).isEqualTo(HttpBodySettings.MAX_BODY_SIZE);
			assertThat(single(posted).requestSize()).isEqualTo(BIG.length());
		});
	}

	@Test
	void customizingABuilderTwiceAddsOneInterceptor() {
		RestClient.Builder builder = RestClient.builder();
		TraceRestClientCustomizer customizer = new TraceRestClientCustomizer(new HttpBodySettings(1024, false));
		customizer.customize(builder);
		customizer.customize(builder);
		builder.requestInterceptors((interceptors) -> assertThat(interceptors).hasSize(1));
	}

	@Test
	void addsNothingWhenHttpCaptureIsOff() {
		this.runner.withPropertyValues("chronotrace.capture.http=false").run((context) -> {
			RestClient client = context.getBean(RestClient.Builder.class).baseUrl(baseUrl).build();
			Recorded recorded = Recorded.of(() -> client.get().uri("/products/1").retrieve().body(String.class));
			assertThat(recorded.events()).isEmpty();
		});
	}

	record OrderLine(int productId, int quantity) {
	}

	private static HttpClientEvent single(Recorded recorded) {
		assertThat(recorded.events()).hasSize(1);
		return (HttpClientEvent) recorded.events().get(0);
	}

	private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
		respond(exchange, status, contentType, body.getBytes(StandardCharsets.UTF_8));
	}

	private static void respond(HttpExchange exchange, int status, String contentType, byte[] bytes)
			throws IOException {
		exchange.getResponseHeaders().set("Content-Type", contentType);
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

}
