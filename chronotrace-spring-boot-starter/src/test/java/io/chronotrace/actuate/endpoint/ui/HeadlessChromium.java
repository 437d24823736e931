package io.chronotrace.actuate.endpoint.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.util.FileSystemUtils;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver with a fresh profile. Nothing
 * is downloaded: Selenium Manager is bypassed by naming both executables. When they are missing
 * the tests fail with the command that installs them, rather than skip.
 */
final class HeadlessChromium implements AutoCloseable {

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private final ChromeDriverService service;

	private final ChromeDriver driver;

	private final Path profile;

	private HeadlessChromium(ChromeDriverService service, ChromeDriver driver, Path profile) {
		this.service = service;
		this.driver = driver;
		this.profile = profile;
	}

	static HeadlessChromium start() throws IOException {
		if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
			throw new IllegalStateException("The trace browser tests need Chromium and its driver at " + CHROMIUM + " and "
					+ CHROMEDRIVER + ": apt-get install -y chromium chromium-driver (.ci/run installs them)");
		}
		System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
		Path profile = Files.createTempDirectory("chronotrace-chromium-");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--window-size=1400,1000", "--user-data-dir=" + profile);
		options.setExperimentalOption("prefs", Map.of("download.default_directory", profile.resolve("downloads").toString(),
				"download.prompt_for_download", false));
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		try {
			return new HeadlessChromium(service, new ChromeDriver(service, options), profile);
		}
		catch (RuntimeException ex) {
			service.stop();
			FileSystemUtils.deleteRecursively(profile);
			throw ex;
		}
	}

	ChromeDriver driver() {
		return this.driver;
	}

	/**
	 * Waits up to ten seconds, as long as the page may need to read from the endpoint.
	 * @return the wait
	 */
	WebDriverWait waiting() {
		return new WebDriverWait(this.driver, Duration.ofSeconds(10));
	}

	/**
	 * Where the browser saves what the page downloads.
	 * @return the folder (it may not exist before the first download)
	 */
	Path downloads() {
		return this.profile.resolve("downloads");
	}

	void screenshot(Path file) {
		try {
			Files.createDirectories(file.toAbsolutePath().getParent());
			Files.write(file, this.driver.getScreenshotAs(OutputType.BYTES));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() throws IOException {
		try {
			this.driver.quit();
		}
		finally {
			this.service.stop();
			FileSystemUtils.deleteRecursively(this.profile);
		}
	}

}
