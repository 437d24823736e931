package io.chronotrace.actuate.endpoint.ui;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.trace.CustomEvent;
import io.chronotrace.core.trace.DatabaseEvent;
import io.chronotrace.core.trace.ExceptionEvent;
import io.chronotrace.core.trace.HttpClientEvent;
import io.chronotrace.core.trace.LogEvent;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceBody;
import io.chronotrace.core.trace.TraceError;
import io.chronotrace.core.trace.TraceEvent;
import io.chronotrace.core.trace.TraceId;
import io.chronotrace.core.trace.TraceRequest;
import io.chronotrace.core.trace.TraceResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The trace browser in a real headless Chromium, showing what an attacker recorded: markup in
 * a path, headers, bodies and events is shown as text in the list and the trace view and never
 * runs, and the endpoint answers with the headers that keep the page from being framed or its
 * answers sniffed.
 */
@DirtiesContext
@SpringBootTest(classes = TraceBrowserTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "chronotrace.mode=always", "chronotrace.storage=memory",
				"management.endpoints.web.exposure.include=chronotrace",
				"management.endpoint.chronotrace.access=unrestricted" })
class HostileTraceBrowserTests {

	/** Each would set window.pwned, or add an element, if the page ever parsed recorded text as HTML. */
	private static final String IMG = "<img src=x id=pwned-img onerror=\"window.pwned=(window.pwned||0)+1\">";

	private static final String SCRIPT = "<script id=pwned-script>window.pwned=(window.pwned||0)+1</script>";

	private static final String SVG = "\"><svg id=pwned-svg onload=\"window.pwned=(window.pwned||0)+1\">";

	private static final String MARKUP = IMG + SCRIPT + SVG;

	private static HeadlessChromium chromium;

	@LocalServerPort
	private int port;

	@Autowired
	private TraceStorage storage;

	@BeforeAll
	static void startBrowser() throws IOException {
		chromium = HeadlessChromium.start();
	}

	@AfterAll
	static void stopBrowser() throws IOException {
		if (chromium != null) {
			chromium.close();
		}
	}

	@Test
	void markupARealClientSentInHeadersAndABodyIsShownAsText() throws Exception {
		// a real request: markup in a header value and in the JSON body
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/orders"))
			.header("Content-Type", "application/json")
			.header("X-Note", MARKUP)
			.POST(HttpRequest.BodyPublishers.ofString("{\"productId\":1,\"quantity\":1,\"note\":\""
					+ MARKUP.replace("\"", "\\\"") + "\"}"))
			.build();
		HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
		String id = response.headers().firstValue("X-ChronoTrace-Id").orElseThrow();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.storage.retrieve(TraceId.parse(id)), Optional::isPresent);
		open("#/trace/" + id);
		String text = chromium.waiting()
			.until(ExpectedConditions.visibilityOfElementLocated(By.id("request-panel")))
			.getText();
		assertThat(text).contains(IMG, SCRIPT);
		assertNothingRan();
	}

	@Test
	void markupInEveryPartOfAStoredTraceIsShownAsTextInTheListAndTheTraceView() {
		Trace trace = hostileTrace();
		this.storage.store(trace);
		open("#/?path=/");
		String row = chromium.waiting()
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#traces tr[data-id='" + trace.id() + "']")))
			.getText();
		assertThat(row).contains("/shop/" + IMG);
		assertNothingRan();

		open("#/trace/" + trace.id());
		chromium.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("response-panel")));
		// open every folded part, so that whatever it holds is rendered
		chromium.driver().executeScript("document.querySelectorAll('details').forEach((d) => d.open = true);"
				+ "document.querySelectorAll('.timeline [role=button], .timeline button').forEach((b) => b.click());");
		String page = chromium.driver().findElement(By.tagName("body")).getText();
		assertThat(page).contains("GET /shop/" + IMG, "<b>header</b>", SCRIPT, "IllegalStateException");
		assertNothingRan();
	}

	@Test
	void everyAnswerOfTheEndpointCarriesTheProtectiveHeaders() throws Exception {
		HttpClient client = HttpClient.newHttpClient();
		for (String[] call : new String[][] { { "/actuator/chronotrace", "text/html" },
				{ "/actuator/chronotrace", "application/json" },
				{ "/actuator/chronotrace/" + TraceId.create(Instant.now()), "application/json" },
				{ "/actuator/chronotrace/not-an-id", "application/json" } }) {
			HttpResponse<String> answer = client.send(
					HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + call[0])).header("Accept", call[1])
						.build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(answer.headers().firstValue("Content-Security-Policy")).as(call[0]).hasValueSatisfying(
					(policy) -> assertThat(policy).contains("default-src 'none'", "script-src 'sha256-",
							"frame-ancestors 'none'", "connect-src 'self'").doesNotContain("unsafe-inline"));
			assertThat(answer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
			assertThat(answer.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
			assertThat(answer.headers().firstValue("X-Frame-Options")).hasValue("DENY");
		}
		HttpResponse<String> app = client.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/products/1")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(app.headers().firstValue("Content-Security-Policy")).as("the application's own answers").isEmpty();
	}

	@Test
	void anotherSiteCannotFrameThePage() {
		open("");
		chromium.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("traces")));
		// a page of another origin (127.0.0.1 is not localhost) that frames it
		chromium.driver().get("http://127.0.0.1:" + this.port + "/framing?src=http://localhost:" + this.port
				+ "/actuator/chronotrace");
		chromium.driver().switchTo().frame("f");
		chromium.waiting().until((driver) -> "complete".equals(chromium.driver().executeScript("return document.readyState;")));
		// a blocked frame shows the browser's own error page instead of the trace browser
		Object framed = chromium.driver().executeScript("return location.href;");
		assertThat(String.valueOf(framed)).doesNotStartWith("http://localhost:" + this.port);
		chromium.driver().switchTo().defaultContent();
	}

	private void assertNothingRan() {
		Object pwned = chromium.driver().executeScript("return window.pwned === undefined ? null : window.pwned;");
		assertThat(pwned).as("a recorded script ran").isNull();
		assertThat(chromium.driver().findElements(By.cssSelector("#pwned-img, #pwned-script, #pwned-svg, img, svg")))
			.as("recorded markup became elements")
			.isEmpty();
	}

	private Trace hostileTrace() {
		Instant now = Instant.now();
		Map<String, List<String>> headers = new LinkedHashMap<>();
		headers.put("<b>header</b>", List.of(MARKUP));
		headers.put("X-ChronoTrace-Replay-Of", List.of("javascript:window.pwned=1//" + MARKUP));
		String path = "/shop/" + IMG;
		TraceRequest request = new TraceRequest("GET", "http://localhost" + path + "?q=" + SCRIPT, path, "q=" + SCRIPT,
				headers, TraceBody.text("text/html", MARKUP, "UTF-8", MARKUP.length(), MARKUP.length()), MARKUP);
		TraceError error = new TraceError("java.lang.IllegalStateException", MARKUP, List.of(MARKUP + "(X.java:1)"), 0,
				null);
		List<TraceEvent> events = List.of(
				new DatabaseEvent(10, 5, TraceEvent.OK, MARKUP, "select '" + MARKUP + "'", List.of(List.of(MARKUP)), 0,
						1L, null, null),
				new HttpClientEvent(20, 5, TraceEvent.OK, "RestClient", "GET", "http://x/" + MARKUP, 200,
						Map.of(MARKUP, List.of(MARKUP)), null, 0, Map.of(), TraceBody.text("text/html", MARKUP, "UTF-8",
								MARKUP.length(), MARKUP.length()), (long) MARKUP.length(), null),
				new LogEvent(30, 0, TraceEvent.ERROR, "ERROR", MARKUP, MARKUP, MARKUP, Map.of(MARKUP, MARKUP), error),
				new ExceptionEvent(40, 0, TraceEvent.ERROR, error, false),
				new CustomEvent(50, 0, TraceEvent.OK, MARKUP, Map.of(MARKUP, MARKUP)));
		return new Trace(Trace.SCHEMA_VERSION, TraceId.create(now), now, 1_000, MARKUP, request,
				new TraceResponse(500, Map.of("Content-Type", List.of("text/html"), "X-Markup", List.of(MARKUP)),
						TraceBody.text("text/html", MARKUP, "UTF-8", MARKUP.length(), MARKUP.length()), MARKUP.length()),
				error, events, 0, null, List.of());
	}

	private void open(String hash) {
		chromium.driver().get("http://localhost:" + this.port + "/actuator/chronotrace" + hash);
	}

}
