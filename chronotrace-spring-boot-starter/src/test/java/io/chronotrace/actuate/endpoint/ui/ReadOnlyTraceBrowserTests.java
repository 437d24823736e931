package io.chronotrace.actuate.endpoint.ui;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.trace.TraceId;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The trace browser when the endpoint keeps its default, read-only access: traces can be read,
 * copied as curl and turned into tests, but the page offers no replay, delete or purge.
 */
@DirtiesContext
@SpringBootTest(classes = TraceBrowserTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "chronotrace.mode=always", "chronotrace.storage=memory",
				"management.endpoints.web.exposure.include=chronotrace" })
class ReadOnlyTraceBrowserTests {

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
	void readOnlyAccessShowsTheTraceWithItsReadActionsButNoWriteButtons() {
		ResponseEntity<String> response = RestClient.create("http://localhost:" + this.port)
			.get()
			.uri("/api/products/1")
			.retrieve()
			.toEntity(String.class);
		String id = response.getHeaders().getFirst("X-ChronoTrace-Id");
		assertThat(id).isNotNull();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.storage.retrieve(TraceId.parse(id)), Optional::isPresent);

		chromium.driver().get("http://localhost:" + this.port + "/actuator/chronotrace");
		chromium.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#traces tr[data-id='" + id + "']")));
		assertThat(chromium.driver().findElement(By.id("access")).getText()).isEqualTo("read-only");
		assertThat(chromium.driver().findElements(By.id("purge-heading"))).isEmpty();

		chromium.driver().findElement(By.id("trace-id")).sendKeys(id, Keys.ENTER);
		WebElement curl = chromium.waiting().until(ExpectedConditions.elementToBeClickable(By.id("copy-curl")));
		assertThat(chromium.driver().findElements(By.id("download-test"))).hasSize(1);
		assertThat(chromium.driver().findElements(By.cssSelector("#replay, #replay-isolated, #delete"))).isEmpty();
		curl.click();
		assertThat(chromium.waiting()
			.until(ExpectedConditions.visibilityOfElementLocated(By.id("action-output")))
			.getText()).contains("curl", "'http://localhost:" + this.port + "/api/products/1'");
	}

}
