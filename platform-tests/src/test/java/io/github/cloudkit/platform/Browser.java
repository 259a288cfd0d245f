package io.github.cloudkit.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium, driven by its own chromedriver, with a new empty profile each time: what a person
 * would see on a page, as its rendered text, and a screenshot of it. Both binaries are named explicitly, so
 * Selenium Manager never looks for (or downloads) a browser or a driver; the browser talks to localhost only.
 */
final class Browser implements AutoCloseable {

	/** Debian's packages (chromium, chromium-driver); KIT_CHROMIUM and KIT_CHROMEDRIVER point elsewhere. */
	private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("KIT_CHROMIUM", "/usr/bin/chromium"));
	private static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("KIT_CHROMEDRIVER", "/usr/bin/chromedriver"));

	/** Set to true to let the browser tests skip where no browser is installed; otherwise they fail. */
	static final String ALLOW_NO_BROWSER = "KIT_ALLOW_NO_BROWSER";

	private static final Duration POLL = Duration.ofMillis(250);

	private final Path profile;
	private final ChromeDriverService service;
	private final ChromeDriver driver;

	private Browser(Path profile, ChromeDriverService service, ChromeDriver driver) {
		this.profile = profile;
		this.service = service;
		this.driver = driver;
	}

	static Browser start() {
		requireInstalled(List.of(CHROMIUM, CHROMEDRIVER), "Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)");
		Path profile = createTempDirectory();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--window-size=1360,900", "--user-data-dir=" + profile);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
				.usingAnyFreePort().withLogFile(Kit.logDirectory().resolve("chromedriver.log").toFile()).build();
		try {
			return new Browser(profile, service, new ChromeDriver(service, options));
		}
		catch (RuntimeException failed) {
			service.stop();
			deleteRecursively(profile);
			throw failed;
		}
	}

	/** Fails (or, with {@value #ALLOW_NO_BROWSER}=true, skips) when a binary a test needs is missing. */
	static void requireInstalled(List<Path> binaries, String what) {
		List<Path> missing = binaries.stream().filter(binary -> !Files.isExecutable(binary)).toList();
		if (missing.isEmpty()) {
			return;
		}
		String message = "not installed: " + missing + "; these tests need " + what;
		Assumptions.assumeFalse("true".equals(System.getenv(ALLOW_NO_BROWSER)), message + " (skipped: " + ALLOW_NO_BROWSER + "=true)");
		throw new AssertionError(message + ". Set " + ALLOW_NO_BROWSER + "=true to skip them instead.");
	}

	WebDriver driver() {
		return driver;
	}

	void open(String url) {
		driver.get(url);
	}

	/** The page's text as rendered (what is visible, as a person reads it); empty while there is no page body. */
	String text() {
		try {
			return driver.findElement(By.tagName("body")).getText();
		}
		catch (WebDriverException notYet) {
			return "";
		}
	}

	/** Until the rendered text satisfies the condition, read every 250 ms; fails with the last text seen. */
	String awaitText(Duration timeout, Predicate<String> condition, String description) {
		return awaitText(timeout, () -> { }, condition, description);
	}

	/** The same, doing something first each time (a request, so a live page has something to show). */
	String awaitText(Duration timeout, Runnable eachTime, Predicate<String> condition, String description) {
		return Poll.until(timeout, POLL, () -> {
			eachTime.run();
			return text();
		}, condition, description + " on " + driver.getCurrentUrl());
	}

	/**
	 * A PNG of the window into {@code kit.screenshots} (the README's docs/images with {@code -Pscreenshots}), else
	 * platform-tests/target/screenshots.
	 */
	Path screenshot(String name) {
		String configured = System.getProperty("kit.screenshots", "");
		Path directory = configured.isBlank() ? Kit.root().resolve("platform-tests/target/screenshots") : Path.of(configured);
		try {
			Files.createDirectories(directory);
			return Files.write(directory.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		try {
			driver.quit();
		}
		finally {
			service.stop();
			deleteRecursively(profile);
		}
	}

	private static Path createTempDirectory() {
		try {
			return Files.createTempDirectory("kit-chromium-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void deleteRecursively(Path directory) {
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
		}
		catch (IOException ex) {
			// a temporary folder left behind is harmless
		}
	}

}
