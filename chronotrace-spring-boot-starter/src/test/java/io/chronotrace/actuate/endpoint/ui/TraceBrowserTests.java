package io.chronotrace.actuate.endpoint.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceBody;
import io.chronotrace.core.trace.TraceCodec;
import io.chronotrace.core.trace.TraceId;
import io.chronotrace.core.trace.TraceRequest;
import io.chronotrace.core.trace.TraceResponse;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The trace browser in a real headless Chromium, against an application that recorded its
 * requests and exposes the chronotrace endpoint with write access. Set the system property
 * {@code chronotrace.ui.screenshots} to a directory to keep screenshots of the list and of a
 * trace (the README's come from here).
 */
@DirtiesContext
@SpringBootTest(classes = TraceBrowserTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "chronotrace.mode=always", "chronotrace.storage=memory", "spring.application.name=shop",
				"management.endpoints.web.exposure.include=chronotrace",
				"management.endpoint.chronotrace.access=unrestricted", "chronotrace.compression.max-payload-size=1KB",
				"chronotrace.replay.allowed-methods=GET,HEAD,OPTIONS,POST" })
class TraceBrowserTests {

	private static HeadlessChromium chromium;

	@LocalServerPort
	private int port;

	@Autowired
	private TraceStorage storage;

	@Autowired
	private JdbcTemplate jdbc;

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
	void listShowsRecordedTracesAndTheStatusAndPathFiltersNarrowIt() {
		String product = record("GET", "/api/products/1", null);
		String missing = record("GET", "/api/orders/404", null);
		String failed = record("GET", "/api/fail", null);
		open("");
		List<String> all = listedIdsWhen((ids) -> ids.containsAll(List.of(product, missing, failed)));
		assertThat(all.indexOf(failed)).as("newest first").isLessThan(all.indexOf(product));
		WebElement failedRow = driver().findElement(By.cssSelector("#traces tr[data-id='" + failed + "']"));
		assertThat(failedRow.getText()).contains("GET", "/api/fail", "500", "IllegalStateException");
		screenshot("trace-list.png", 1000);

		driver().findElement(By.cssSelector("button[data-status='4xx']")).click();
		List<String> clientErrors = listedIdsWhen((ids) -> !ids.contains(product));
		assertThat(clientErrors).contains(missing).doesNotContain(product, failed);
		assertThat(driver().getCurrentUrl()).contains("status=4xx");
		assertThat(statusesShown()).allMatch((status) -> status.startsWith("4"));

		driver().findElement(By.cssSelector("button[aria-pressed='true'][data-status='4xx']")).click();
		listedIdsWhen((ids) -> ids.contains(product));
		driver().findElement(By.cssSelector("#filters input[name='path']")).sendKeys("/api/products");
		driver().findElement(By.cssSelector("#filters button[type='submit']")).click();
		List<String> products = listedIdsWhen((ids) -> !ids.isEmpty() && !ids.contains(failed));
		assertThat(products).contains(product).doesNotContain(missing, failed);
		assertThat(driver().findElements(By.cssSelector("#traces td.path")))
			.allSatisfy((cell) -> assertThat(cell.getText()).startsWith("/api/products"));

		driver().findElement(By.cssSelector("#traces tr[data-id='" + product + "'] td.path a")).click();
		assertThat(chromium.waiting()
			.until(ExpectedConditions.visibilityOfElementLocated(By.id("trace-heading")))
			.getText()).isEqualTo("GET /api/products/1");
		driver().findElement(By.id("back")).click();
		assertThat(listedIdsWhen((ids) -> !ids.isEmpty())).contains(product).doesNotContain(missing, failed);
	}

	@Test
	void methodDurationAndTimeFiltersNarrowTheListAndStayInTheAddress() {
		String order = record("POST", "/api/orders", Map.of("productId", 1, "quantity", 1));
		String ping = record("GET", "/api/ping/9", null);
		open("");
		listedIdsWhen((ids) -> ids.containsAll(List.of(order, ping)));
		new Select(driver().findElement(By.cssSelector("#filters select[name='method']"))).selectByValue("POST");
		driver().findElement(By.cssSelector("#filters button[type='submit']")).click();
		assertThat(listedIdsWhen((ids) -> !ids.contains(ping))).contains(order);
		assertThat(driver().findElements(By.cssSelector("#traces .method")))
			.allSatisfy((method) -> assertThat(method.getText()).isEqualTo("POST"));
		assertThat(driver().getCurrentUrl()).contains("method=POST");

		driver().navigate().refresh();
		assertThat(listedIdsWhen((ids) -> !ids.isEmpty())).contains(order).doesNotContain(ping);
		assertThat(new Select(driver().findElement(By.cssSelector("#filters select[name='method']")))
			.getFirstSelectedOption()
			.getText()).isEqualTo("POST");

		open("#/?minDuration=600000");
		assertThat(listedIdsWhen((ids) -> ids.isEmpty())).isEmpty();
		assertThat(driver().findElement(By.id("results")).getText()).contains("No recorded request matches");

		open("#/?from=" + Instant.now().minus(Duration.ofHours(1)));
		assertThat(listedIdsWhen((ids) -> !ids.isEmpty())).contains(order, ping);
		open("#/?from=" + Instant.now().plus(Duration.ofHours(1)));
		assertThat(listedIdsWhen((ids) -> ids.isEmpty())).isEmpty();
		assertThat(driver().findElement(By.cssSelector("#filters input[name='from']")).getAttribute("value")).isNotEmpty();
	}

	@Test
	void refreshAndAutoRefreshShowNewTraces() {
		open("#/?path=/api/stock/4");
		List<String> before = listedIdsWhen((ids) -> true);
		String first = record("GET", "/api/stock/41", null);
		driver().findElement(By.id("refresh")).click();
		assertThat(listedIdsWhen((ids) -> ids.contains(first))).containsAll(before);

		driver().findElement(By.id("live")).click();
		chromium.waiting().until(ExpectedConditions.urlContains("live=1"));
		listedIdsWhen((ids) -> ids.contains(first));
		String second = record("GET", "/api/stock/42", null);
		assertThat(listedIdsWhen((ids) -> ids.contains(second))).as("shown without a click").startsWith(second, first);
	}

	@Test
	void pagesThroughTracesWithTheCursorAndComesBack() {
		// only this test calls /api/ping
		for (int i = 1; i <= 5; i++) {
			record("GET", "/api/ping/" + i, null);
		}
		open("#/?path=/api/ping/&limit=2");
		List<String> first = listedIdsWhen((ids) -> ids.size() == 2);
		driver().findElement(By.id("older")).click();
		List<String> second = listedIdsWhen((ids) -> ids.size() == 2 && !ids.equals(first));
		assertThat(second).doesNotContainAnyElementsOf(first);
		assertThat(driver().findElement(By.id("page-info")).getText()).startsWith("Page 2");
		driver().findElement(By.id("older")).click();
		List<String> third = listedIdsWhen((ids) -> ids.size() == 1);
		assertThat(third).doesNotContainAnyElementsOf(first).doesNotContainAnyElementsOf(second);
		assertThat(driver().findElement(By.id("older")).isEnabled()).as("no page after the last").isFalse();
		driver().navigate().back();
		assertThat(listedIdsWhen((ids) -> ids.size() == 2)).isEqualTo(second);
		assertThat(driver().findElement(By.id("page-info")).getText()).startsWith("Page 2");
		driver().findElement(By.id("newer")).click();
		assertThat(listedIdsWhen((ids) -> ids.equals(first))).isEqualTo(first);
		driver().findElement(By.id("older")).click();
		assertThat(listedIdsWhen((ids) -> ids.size() == 2 && !ids.equals(first))).isEqualTo(second);
		driver().findElement(By.id("newest")).click();
		assertThat(listedIdsWhen((ids) -> ids.equals(first))).isEqualTo(first);
	}

	@Test
	void timelineShowsTheSqlOfATraceWithItsBindValuesAndRows() {
		String id = record("GET", "/api/products/2", null);
		open("#/trace/" + id);
		WebElement update = chromium.waiting()
			.until((driver) -> driver.findElements(By.cssSelector("#timeline li[data-type='database']"))
				.stream()
				.filter((event) -> event.getText().contains("update product set views = views + 1 where id = ?"))
				.findFirst()
				.orElse(null));
		assertThat(update.findElement(By.cssSelector(".tl-bar")).getAttribute("style")).contains("left:", "width:");
		update.findElement(By.tagName("button")).click();
		WebElement details = chromium.waiting()
			.until(ExpectedConditions.visibilityOf(update.findElement(By.cssSelector(".tl-details"))));
		assertThat(details.getText()).contains("Bind values", "'2'", "Rows", "Duration");
		assertThat(driver().findElement(By.id("trace-heading")).getText()).isEqualTo("GET /api/products/2");
		assertThat(driver().findElement(By.id("response-panel")).getText()).contains("\"views\": 1");
	}

	@Test
	void repeatedStatementsAreMarkedAsNPlusOne() {
		String id = record("GET", "/api/products", null);
		open("#/trace/" + id);
		WebElement warning = chromium.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("nplus1")));
		assertThat(warning.getText()).contains("select name from product where id = ?", "ran 3 times");
		assertThat(driver().findElements(By.cssSelector("#timeline .badge.nplus1")))
			.hasSize(3)
			.allSatisfy((badge) -> assertThat(badge.getText()).isEqualTo("N+1 ×3"));

		WebElement sql = driver().findElement(By.cssSelector(".legend button[data-type='database']"));
		assertThat(sql.getText()).isEqualTo("SQL 4");
		sql.click();
		assertThat(sql.getAttribute("aria-pressed")).isEqualTo("false");
		assertThat(driver().findElements(By.cssSelector("#timeline li[data-type='database']")))
			.isNotEmpty()
			.noneSatisfy((event) -> assertThat(event.isDisplayed()).isTrue());
	}

	@Test
	void orderTraceShowsEachKindOfEventAndTheExceptionOfAFailure() {
		record("POST", "/api/orders", Map.of("productId", 1, "quantity", 1)); // a first call warms the application up
		String order = record("POST", "/api/orders", Map.of("productId", 3, "quantity", 2));
		open("#/trace/" + order);
		chromium.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("timeline")));
		List<String> kinds = driver().findElements(By.cssSelector("#timeline li.tl-event"))
			.stream()
			.map((event) -> event.getAttribute("data-type"))
			.distinct()
			.toList();
		assertThat(kinds).contains("cache", "database", "http", "log", "custom");
		WebElement call = driver().findElement(By.cssSelector("#timeline li[data-type='http']"));
		assertThat(call.getText()).contains("GET http://localhost:" + this.port + "/api/stock/3 → 200");
		call.findElement(By.tagName("button")).click();
		assertThat(chromium.waiting()
			.until(ExpectedConditions.visibilityOf(call.findElement(By.cssSelector(".tl-details"))))
			.getText()).contains("Response body", "\"available\": 7");
		assertThat(driver().findElement(By.id("request-panel")).getText()).contains("\"productId\": 3");
		screenshot("trace-view.png", 1700);

		String failed = record("GET", "/api/fail", null);
		open("#/trace/" + failed);
		WebElement exception = chromium.waiting()
			.until(ExpectedConditions.visibilityOfElementLocated(By.id("exception-panel")));
		assertThat(exception.getText()).contains("java.lang.IllegalStateException", "Payment provider down",
				"at io.chronotrace.actuate.endpoint.ui.TraceBrowserTestApplication$ShopController.fail");
		// the application's frames show; Spring's and Tomcat's are folded
		List<WebElement> own = exception.findElements(By.cssSelector(".own-frame"));
		assertThat(own).isNotEmpty()
			.allSatisfy((frame) -> assertThat(frame.getText()).doesNotContain("org.springframework", "org.apache"));
		List<WebElement> folded = exception.findElements(By.cssSelector("details.frames"));
		assertThat(folded).isNotEmpty().allSatisfy((details) -> assertThat(details.getAttribute("open")).isNull());
		assertThat(folded.get(0).getText()).matches("\\d+ framework frames?");
		// and the timeline is on the first screen
		Number timelineTop = (Number) driver()
			.executeScript("return document.getElementById('timeline').getBoundingClientRect().top;");
		Number viewport = (Number) driver().executeScript("return window.innerHeight;");
		assertThat(timelineTop.doubleValue()).isLessThan(viewport.doubleValue());
	}

	@Test
	void replayShowsTheDifferenceFromTheRecording() {
		String id = record("GET", "/api/products/3", null);
		this.jdbc.update("update product set price = price + 1 where id = 3");
		open("#/trace/" + id);
		chromium.waiting().until(ExpectedConditions.elementToBeClickable(By.id("replay"))).click();
		WebElement verdict = chromium.waiting()
			.until(ExpectedConditions.visibilityOfElementLocated(By.id("replay-verdict")));
		// the price changed; the view counter changes on every call, so it is noise, shown greyed
		assertThat(verdict.getText()).isEqualTo("1 difference from the recording (1 ignored as noise)");
		List<String> difference = driver().findElements(By.cssSelector("#replay-differences tbody tr:not(.noise) td"))
			.stream()
			.map(WebElement::getText)
			.toList();
		assertThat(difference).containsExactly("body", "$.price", "8.5", "9.5", "");
		List<String> noise = driver().findElements(By.cssSelector("#replay-differences tbody tr.noise td"))
			.stream()
			.map(WebElement::getText)
			.toList();
		assertThat(noise).containsExactly("body", "$.views", "1", "2", "noise: changes between two runs of the same build");
		assertThat(driver().findElement(By.id("replay-panel")).getText()).contains("Recorded response",
				"Replayed response", "\"views\": 2");
		screenshot("trace-replay.png", 900);
		driver().findElement(By.linkText("open the replay's trace")).click();
		assertThat(chromium.waiting()
			.until(ExpectedConditions.textToBe(By.id("trace-heading"), "GET /api/products/3"))).isTrue();
		assertThat(driver().getCurrentUrl()).doesNotEndWith(id);
		WebElement original = driver().findElement(By.id("replay-of"));
		assertThat(original.getText()).isEqualTo(id);
		original.click();
		chromium.waiting().until(ExpectedConditions.urlToBe("http://localhost:" + this.port + "/actuator/chronotrace#/trace/" + id));
		assertThat(chromium.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("replay")))).isNotNull();
	}

	@Test
	void replaysSelfCallsAndTestRunsAreMarkedLinkedToTheirTraceAndCanBeHidden() {
		String product = record("GET", "/api/ping/6", null);
		String order = record("POST", "/api/orders", Map.of("productId", 1, "quantity", 1));
		String replay = replayTraceId(product);
		String testRun = record("GET", "/api/ping/7", null, Map.of("X-ChronoTrace-Generated-From", product));
		// a client that claims to be a replay or a call of the application to itself is not believed
		String forged = record("GET", "/api/ping/8", null,
				Map.of("X-ChronoTrace-Replay-Of", product, "X-ChronoTrace-Self-Call-Token", "forged"));
		String stock = await().atMost(Duration.ofSeconds(10))
			.until(() -> this.storage.list(io.chronotrace.core.storage.TraceQuery.builder()
				.origins(java.util.Set.of(io.chronotrace.core.trace.TraceOrigin.SELF_CALL))
				.build())
				.items()
				.stream()
				.filter((summary) -> order.equals(String.valueOf(summary.originTraceId())))
				.map((summary) -> summary.id().toString())
				.findFirst(), Optional::isPresent)
			.get();
		open("");
		listedIdsWhen((ids) -> ids.containsAll(List.of(product, order, replay, testRun, forged, stock)));

		assertThat(badge(replay).getText()).isEqualTo("replay of " + product.substring(0, 8) + "…");
		assertThat(badge(stock).getText()).isEqualTo("self-call by " + order.substring(0, 8) + "…");
		assertThat(badge(testRun).getText()).isEqualTo("generated test of " + product.substring(0, 8) + "…");
		for (String ordinary : List.of(product, order, forged)) {
			assertThat(driver().findElements(By.cssSelector("#traces tr[data-id='" + ordinary + "'] .origin")))
				.as(ordinary)
				.isEmpty();
		}
		screenshot("trace-list-origins.png", 1000);

		driver().findElement(By.id("hide-own")).click();
		List<String> ordinary = listedIdsWhen((ids) -> !ids.contains(replay));
		assertThat(ordinary).contains(product, order, forged).doesNotContain(replay, stock, testRun);
		assertThat(driver().getCurrentUrl()).contains("origin=request");
		assertThat(driver().findElements(By.cssSelector("#traces .origin"))).isEmpty();
		driver().findElement(By.id("hide-own")).click();
		listedIdsWhen((ids) -> ids.contains(replay));

		badge(replay).findElement(By.tagName("a")).click();
		chromium.waiting()
			.until(ExpectedConditions.urlToBe("http://localhost:" + this.port + "/actuator/chronotrace#/trace/" + product));
		open("#/trace/" + replay);
		WebElement banner = chromium.waiting()
			.until(ExpectedConditions.visibilityOfElementLocated(By.id("origin-banner")));
		assertThat(banner.getText()).isEqualTo("Replay of " + product);
		open("#/trace/" + stock);
		assertThat(chromium.waiting()
			.until(ExpectedConditions.textToBe(By.id("origin-banner"), "Called by " + order))).isTrue();
		driver().findElement(By.cssSelector("#origin-banner a")).click();
		assertThat(chromium.waiting()
			.until(ExpectedConditions.textToBe(By.id("trace-heading"), "POST /api/orders"))).isTrue();
		open("#/trace/" + testRun);
		assertThat(chromium.waiting()
			.until(ExpectedConditions.visibilityOfElementLocated(By.id("origin-banner")))
			.getText()).startsWith("Run of a test generated from " + product);
		open("#/trace/" + forged);
		chromium.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("trace-heading")));
		assertThat(driver().findElements(By.id("origin-banner"))).isEmpty();
	}

	@Test
	void isolatedReplayListsEachStatementAndCallAnsweredFromTheRecordingAndWritesNothing() {
		String id = record("POST", "/api/orders", Map.of("productId", 2, "quantity", 1));
		open("#/trace/" + id);
		// a POST replayed live may change data again: the page asks first, and sends nothing when told no
		chromium.waiting().until(ExpectedConditions.elementToBeClickable(By.id("replay"))).click();
		Alert question = chromium.waiting().until(ExpectedConditions.alertIsPresent());
		assertThat(question.getText()).startsWith("Replay POST /api/orders?").contains("may change data again");
		question.dismiss();
		assertThat(driver().findElements(By.id("replay-panel"))).isEmpty();
		// isolated, nothing is written: no question
		driver().findElement(By.id("replay-isolated")).click();
		WebElement dependencies = chromium.waiting()
			.until(ExpectedConditions.visibilityOfElementLocated(By.id("replay-dependencies")));
		List<String> rows = dependencies.findElements(By.cssSelector("tbody tr"))
			.stream()
			.map(WebElement::getText)
			.toList();
		assertThat(rows).anySatisfy((row) -> assertThat(row).startsWith("SQL 1 answered from recording"))
			.anySatisfy((row) -> assertThat(row)
				.contains("answered from recording GET http://localhost:" + this.port + "/api/stock/2 → 200"))
			.noneSatisfy((row) -> assertThat(row).contains("not recorded"));
		assertThat(driver().findElement(By.id("replay-note")).getText()).startsWith("Nothing was written")
			.contains("this POST could be replayed without chronotrace.replay.allowed-methods");
		assertThat(driver().findElement(By.id("replay-panel")).getText()).contains("Replay with recorded dependencies");
	}

	@Test
	void isolatedReplayShowsTheNearMissOfAStatementTheRecordingDoesNotHold() {
		String id = record("GET", "/api/products/3", null);
		io.chronotrace.core.trace.Trace original = this.storage.retrieve(TraceId.parse(id)).orElseThrow();
		// the recording of a build whose query read another column
		java.time.Instant now = java.time.Instant.now();
		io.chronotrace.core.trace.Trace other = new io.chronotrace.core.trace.Trace(original.schemaVersion(),
				TraceId.create(now), now, original.durationMicros(), original.application(), original.request(),
				original.response(), null, original.events().stream().map((event) -> {
					if (event instanceof io.chronotrace.core.trace.DatabaseEvent db && db.sql().startsWith("select price")) {
						return (io.chronotrace.core.trace.TraceEvent) db.withScrubbed(
								db.sql().replace("select price, views", "select price, stock"), db.parameters(),
								db.error(), db.result(), db.generatedKeys(), db.failure());
					}
					return event;
				}).toList(), 0, null, List.of());
		this.storage.store(other);
		open("#/trace/" + other.id());
		chromium.waiting().until(ExpectedConditions.elementToBeClickable(By.id("replay-isolated"))).click();
		WebElement miss = chromium.waiting()
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#replay-dependencies tr.miss")));
		assertThat(miss.getText()).contains("not recorded", "select price, views from product where id = ?",
				"nearest recorded: select price,");
		assertThat(miss.findElement(By.tagName("del")).getText()).isEqualTo("stock");
		assertThat(miss.findElement(By.tagName("ins")).getText()).isEqualTo("views");
		assertThat(driver().findElement(By.id("replay-verdict")).getText()).contains("differences from the recording");
	}

	/**
	 * Format version 3 keeps a JSON body as JSON, version 2 as a string: the page shows both the
	 * same, pretty-printed, and as text.
	 */
	@Test
	void aJsonBodyIsShownTheSameWhicheverFormatVersionStoredIt() {
		String body = "{\"note\":\"<b id=bold>x</b>\",\"lines\":[{\"productId\":1,\"quantity\":2}],\"total\":49.80}";
		String shown = "{\n  \"note\": \"<b id=bold>x</b>\",\n  \"lines\": [\n    {\n      \"productId\": 1,\n"
				+ "      \"quantity\": 2\n    }\n  ],\n  \"total\": 49.8\n}";
		for (int version : new int[] { 2, Trace.SCHEMA_VERSION }) {
			Instant now = Instant.now();
			Trace trace = new Trace(version, TraceId.create(now), now, 1_000, "shop",
					new TraceRequest("POST", "http://localhost/api/orders", "/api/orders", null,
							Map.of("Content-Type", List.of("application/json")),
							TraceBody.text("application/json", body, "UTF-8", body.length(), body.length()), "127.0.0.1"),
					new TraceResponse(201, Map.of(), null, 0), null, List.of(), 0, null, List.of());
			String stored = new String(TraceCodec.get().toBytes(trace), StandardCharsets.UTF_8);
			assertThat(stored.contains("\"json\":" + body)).as("version %d keeps it as JSON", version)
				.isEqualTo(version >= 3);
			this.storage.store(trace);
			open("#/trace/" + trace.id());
			WebElement request = chromium.waiting()
				.until(ExpectedConditions.visibilityOfElementLocated(By.id("request-panel")));
			WebElement content = chromium.waiting()
				.until((d) -> request.findElement(By.cssSelector("pre.body-content")));
			assertThat(content.getDomProperty("textContent")).as("version %d", version).isEqualTo(shown);
			assertThat(request.findElements(By.id("bold"))).isEmpty();
		}
	}

	@Test
	void aBodyKeptAsAnAttachmentHasItsSizeAndADownloadLink() {
		String id = record("GET", "/api/catalog", null);
		open("#/trace/" + id);
		WebElement response = chromium.waiting()
			.until(ExpectedConditions.visibilityOfElementLocated(By.id("response-panel")));
		WebElement link = response.findElement(By.cssSelector("a.attachment"));
		assertThat(response.getText()).contains("Kept as the attachment response-body");
		assertThat(link.getAttribute("href")).endsWith("/actuator/chronotrace/" + id + "/attachments/response-body");
		Object downloaded = driver().executeAsyncScript("const done = arguments[arguments.length - 1];"
				+ "fetch(arguments[0]).then((r) => r.text()).then((text) => done(JSON.parse(text).length), (e) => done(String(e)));",
				link.getAttribute("href"));
		assertThat(downloaded).isEqualTo(60L);
	}

	@Test
	void downloadsTheJUnitTestOfATrace() throws IOException {
		String id = record("GET", "/api/products/1", null);
		open("#/trace/" + id);
		chromium.waiting().until(ExpectedConditions.elementToBeClickable(By.id("download-test"))).click();
		Path test = await().atMost(Duration.ofSeconds(10)).until(() -> {
			if (!Files.isDirectory(chromium.downloads())) {
				return null;
			}
			try (Stream<Path> files = Files.list(chromium.downloads())) {
				// a download in progress is a .crdownload file: wait for the .java one
				return files.filter((file) -> file.toString().endsWith(".java")).findFirst().orElse(null);
			}
		}, (file) -> file != null && file.toFile().length() > 0);
		String source = Files.readString(test);
		assertThat(test.getFileName().toString()).isEqualTo(className(source) + ".java");
		assertThat(source).contains("@Test", "/api/products/1", id);
		assertThat(driver().findElement(By.id("action-output")).getText()).contains("@Test");
	}

	@Test
	void copyAsCurlShowsTheCommandAndDeleteRemovesTheTrace() {
		String id = record("GET", "/api/products/1", null);
		open("#/trace/" + id);
		chromium.waiting().until(ExpectedConditions.elementToBeClickable(By.id("copy-curl"))).click();
		WebElement output = chromium.waiting()
			.until(ExpectedConditions.visibilityOfElementLocated(By.id("action-output")));
		assertThat(output.getText()).contains("curl", "'http://localhost:" + this.port + "/api/products/1'");

		driver().findElement(By.id("delete")).click();
		assertThat(driver().findElement(By.id("delete")).getText()).isEqualTo("Confirm delete");
		driver().findElement(By.id("delete")).click();
		assertThat(chromium.waiting().until(ExpectedConditions.textToBe(By.id("status"), "Deleted trace " + id + ".")))
			.as("the list says what was deleted")
			.isTrue();
		assertThat(listedIdsWhen((ids) -> true)).doesNotContain(id);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.storage.retrieve(TraceId.parse(id)).isEmpty());
		open("#/trace/" + id);
		assertThat(chromium.waiting()
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[role='alert']")))
			.getText()).contains("No trace with id " + id);
	}

	/**
	 * Sends a request to the application and waits until its trace is stored.
	 * @return the trace id
	 */
	private String record(String method, String path, Object body) {
		return record(method, path, body, Map.of());
	}

	/**
	 * Sends a request with headers, from a client of its own (not the application's), and waits
	 * until its trace is stored.
	 * @return the trace id
	 */
	private String record(String method, String path, Object body, Map<String, String> headers) {
		RestClient client = RestClient.builder()
			.baseUrl("http://localhost:" + this.port)
			.defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
			})
			.build();
		RestClient.RequestBodySpec request = client.method(org.springframework.http.HttpMethod.valueOf(method)).uri(path);
		headers.forEach(request::header);
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).body(body);
		}
		ResponseEntity<String> response = request.retrieve().toEntity(String.class);
		String id = response.getHeaders().getFirst("X-ChronoTrace-Id");
		assertThat(id).as("X-ChronoTrace-Id of " + method + " " + path).isNotNull();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.storage.retrieve(TraceId.parse(id)), Optional::isPresent);
		return id;
	}

	/** Replays a trace through the endpoint and waits until the replay's trace is stored. */
	private String replayTraceId(String id) {
		Map<?, ?> result = RestClient.create("http://localhost:" + this.port)
			.post()
			.uri("/actuator/chronotrace/{id}/replay", id)
			.retrieve()
			.body(Map.class);
		String replay = (String) ((Map<?, ?>) result.get("replay")).get("traceId");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.storage.retrieve(TraceId.parse(replay)), Optional::isPresent);
		return replay;
	}

	private WebElement badge(String id) {
		return driver().findElement(By.cssSelector("#traces tr[data-id='" + id + "'] .origin"));
	}

	private static String className(String source) {
		Matcher declaration = Pattern.compile("^class (\\w+) \\{$", Pattern.MULTILINE).matcher(source);
		assertThat(declaration.find()).as("a class declaration in %s", source).isTrue();
		return declaration.group(1);
	}

	private void open(String hash) {
		driver().get("http://localhost:" + this.port + "/actuator/chronotrace" + hash);
	}

	/**
	 * The ids of the listed traces once the list has loaded and they satisfy the condition.
	 */
	@SuppressWarnings("unchecked")
	private List<String> listedIdsWhen(java.util.function.Predicate<List<String>> condition) {
		return chromium.waiting().until((driver) -> {
			List<String> ids = (List<String>) driver().executeScript(
					"const results = document.getElementById('results');"
							+ "if (!results || results.getAttribute('aria-busy') !== 'false') return null;"
							+ "return [...results.querySelectorAll('#traces tbody tr')].map((row) => row.dataset.id);");
			return (ids != null && condition.test(ids)) ? ids : null;
		});
	}

	private List<String> statusesShown() {
		return driver().findElements(By.cssSelector("#traces .status")).stream().map(WebElement::getText).toList();
	}

	private void screenshot(String name, int height) {
		String directory = System.getProperty("chronotrace.ui.screenshots");
		if (directory != null) {
			Dimension size = driver().manage().window().getSize();
			driver().manage().window().setSize(new Dimension(1400, height));
			chromium.screenshot(Path.of(directory, name));
			driver().manage().window().setSize(size);
		}
	}

	private static ChromeDriver driver() {
		return chromium.driver();
	}

}
