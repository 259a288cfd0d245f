package io.github.cloudkit.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cloudkit.testsupport.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * What an operator sees in each console of a running platform, read from the page headless Chromium rendered
 * ({@link Browser}), each with a screenshot: the Eureka dashboard, Spring Boot Admin, the Hystrix dashboard, the
 * Zipkin UI, Prometheus' targets. Plus what Prometheus scraped and what {@code /actuator/env} hides, over plain HTTP.
 * Each test starts from two healthy sample instances in the gateway's rotation and a new browser profile.
 */
class OperatorViewsIT {

	private static final ObjectMapper JSON = new ObjectMapper();
	private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(90);
	private static final String CIRCUITS_PAGE = "/hystrix/monitor?stream=%2Fturbine.stream&title=Gateway%20circuits";
	private static final List<String> CONSOLE_APPLICATIONS = List.of("admin-server", "config-server", "discovery-service",
			"edge-gateway", "sample-service");

	private static Platform platform;
	private static ServiceProcess zipkin;
	private static ServiceProcess gateway;
	private static ServiceProcess admin;
	private static ServiceProcess prometheus;
	private List<ServiceProcess> instances;
	private Browser browser;

	@BeforeAll
	static void startPlatform() {
		// Fail (or skip, if allowed) before minutes of start-up, not after.
		Browser.requireInstalled(List.of(Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromedriver")), "chromium and chromium-driver");
		Path prometheusBinary = prometheusOnPath();
		platform = new Platform();
		ServiceProcess broker = platform.startBroker();
		zipkin = platform.startZipkin();
		platform.startConfigServer();
		platform.startDiscovery();
		for (ServiceProcess service : List.of(broker, zipkin, platform.configServer(), platform.discovery())) {
			service.awaitHealthy(Platform.START_TIMEOUT);
		}
		gateway = platform.startGateway();
		admin = platform.startAdminServer();
		gateway.awaitHealthy(Platform.START_TIMEOUT);
		admin.awaitHealthy(Platform.START_TIMEOUT);
		prometheus = platform.startPrometheus(prometheusBinary);
	}

	@BeforeEach
	void twoInstancesRoutedAndANewBrowser() {
		instances = platform.sampleFleet(2);
		platform.awaitRotation(Platform.instanceIds(instances), Platform.START_TIMEOUT);
		browser = Browser.start();
	}

	@AfterEach
	void closeBrowser() {
		if (browser != null) {
			browser.close();
		}
	}

	@AfterAll
	static void stopPlatform() {
		// A figure, not a check (bench/footprint.md measures the budget): what the consoles cost after being used.
		for (ServiceProcess service : new ServiceProcess[] { admin, gateway, prometheus }) {
			if (service != null && service.isAlive()) {
				System.out.printf("OperatorViewsIT: resident memory of %s after the browser tests: %d MB%n", service,
						service.residentMegabytes());
			}
		}
		if (platform != null) {
			platform.close();
		}
	}

	@Test
	void eurekaDashboardListsEveryRegisteredServiceAndNamesItsEnvironment() {
		// Basic credentials in the URL: Chromium sends them, and keeps them for the page's styles and scripts.
		browser.open("http://" + platform.eurekaUser.user() + ":" + platform.eurekaUser.password() + "@127.0.0.1:"
				+ platform.discoveryPort + "/");
		String page = browser.awaitText(PAGE_TIMEOUT,
				text -> Stream.of("EDGE-GATEWAY", "SAMPLE-SERVICE", "ADMIN-SERVER").allMatch(text::contains),
				"the dashboard lists the gateway, the sample service and the admin console");
		browser.screenshot("eureka");
		assertThat(page).containsPattern("(?m)^Environment\\s+local$")
				.containsPattern("(?m)^Data center\\s+.*self-preservation off by choice");
	}

	@Test
	void adminConsoleShowsEveryServiceUp() {
		logIntoConsole("/applications");
		browser.awaitText(PAGE_TIMEOUT, text -> listsEveryApplication(text) && !text.contains("DOWN") && !text.contains("OFFLINE"),
				"the console lists " + CONSOLE_APPLICATIONS + ", none of them down or offline");
		browser.screenshot("admin");
	}

	@Test
	void adminConsoleShowsKilledInstancesOffline() {
		logIntoConsole("/applications");
		browser.awaitText(PAGE_TIMEOUT, text -> listsEveryApplication(text) && !text.contains("OFFLINE"),
				"the console lists every application, none offline");
		try {
			// The list shows each application's best status: with every instance killed, sample-service's is OFFLINE
			// (the console checks every 2 s) until the registry evicts them (~10 s) and the console drops them.
			instances.forEach(ServiceProcess::kill);
			browser.awaitText(Duration.ofSeconds(30), text -> text.lines().anyMatch(line -> line.contains("OFFLINE")),
					"the killed sample-service instances show OFFLINE");
			browser.screenshot("admin-offline");
		}
		finally {
			platform.sampleFleet(2);
		}
	}

	@Test
	void hystrixDashboardShowsTheGatewaysCircuitWithItsRequestRate() {
		logIntoConsole(CIRCUITS_PAGE);
		// Traffic while the page is read: the rate is over the last seconds of the circuit's window.
		browser.awaitText(PAGE_TIMEOUT, () -> Http.get(platform.gatewayUrl("/hello")),
				text -> text.contains("sample-service") && requestRate(text) > 0,
				"the circuit sample-service with a request rate above zero");
		browser.screenshot("hystrix");
	}

	@Test
	void hystrixDashboardShowsTheCircuitOpenWhenEveryInstanceIsGone() {
		try {
			instances.parallelStream().forEach(ServiceProcess::stop);
			// Hystrix opens a circuit after 20 requests in 10 s of which half failed: 30 fallbacks are plenty.
			Poll.until(Duration.ofSeconds(60), Duration.ofMillis(100), () -> Http.require(platform.gatewayUrl("/hello")).status(),
					status -> status == 503, "the gateway falls back");
			for (int i = 0; i < 30; i++) {
				Http.require(platform.gatewayUrl("/hello"));
			}
			logIntoConsole(CIRCUITS_PAGE);
			browser.awaitText(PAGE_TIMEOUT, () -> Http.get(platform.gatewayUrl("/hello")),
					text -> text.contains("sample-service") && text.contains("Open"), "the circuit sample-service shows Open");
			browser.screenshot("hystrix-open");
		}
		finally {
			platform.sampleFleet(2);
		}
	}

	@Test
	void zipkinShowsTheTraceOfACallThroughTheGateway() {
		// X-B3-Sampled: 1 asks for this call to be traced; the gateway names the trace in X-Trace-Id.
		Http.Response response = Http.send(HttpRequest.newBuilder(URI.create(platform.gatewayUrl("/hello")))
				.header("X-B3-Sampled", "1").GET()).orElseThrow(() -> new AssertionError("no answer from the gateway"));
		assertThat(response.status()).isEqualTo(200);
		String traceId = response.header("X-Trace-Id");
		assertThat(traceId).as("X-Trace-Id").matches("[0-9a-f]{16}|[0-9a-f]{32}");
		// Spans reach Zipkin within a second or two; the page is opened once both services' are in.
		Poll.until(Duration.ofSeconds(30), () -> Http.get(platform.zipkinUrl("/api/v2/trace/" + traceId))
				.map(Http.Response::body).orElse(""), body -> body.contains("\"edge-gateway\"") && body.contains("\"sample-service\""),
				"trace " + traceId + " in Zipkin with spans of both services");

		browser.open(platform.zipkinUrl("/zipkin/traces/" + traceId));
		browser.awaitText(PAGE_TIMEOUT, text -> {
			String lower = text.toLowerCase(Locale.ROOT);
			return lower.contains(traceId) && lower.contains("edge-gateway") && lower.contains("sample-service");
		}, "the trace page shows spans of edge-gateway and sample-service");
		browser.screenshot("zipkin");
	}

	@Test
	void prometheusTargetsPageShowsEveryTargetUp() {
		// Debian's package serves Prometheus' classic UI (its own React UI is not packaged).
		// A new instance is scraped within seconds of its registration; the page is read once it has been.
		Poll.until(PAGE_TIMEOUT, Duration.ofSeconds(1), () -> activeTargets(),
				all -> all.size() == 7 && all.stream().allMatch(target -> "up".equals(target.path("health").asText())),
				"7 targets, every one up");
		browser.open(prometheus.url("/classic/targets"));
		// 4 from Eureka (the gateway, the console, 2 sample instances), 3 listed by address.
		browser.awaitText(PAGE_TIMEOUT, text -> Stream.of("eureka-services (4/4 up)", "config-server (1/1 up)",
				"discovery-service (1/1 up)", "zipkin (1/1 up)").allMatch(text::contains), "every scrape pool all up");
		browser.screenshot("prometheus");
	}

	@Test
	void prometheusScrapesEveryTargetAndTheRequestCountsOfTheGatewayAndEachInstance() {
		for (ServiceProcess instance : instances) {
			Http.require(instance.url("/"));
			Http.require(platform.gatewayUrl("/hello"));
		}
		List<JsonNode> targets = Poll.until(PAGE_TIMEOUT, Duration.ofSeconds(1), () -> activeTargets(),
				all -> all.size() == 7 && all.stream().allMatch(target -> "up".equals(target.path("health").asText())),
				"7 targets (4 from Eureka, the config server, the registry, Zipkin), every one up");
		assertThat(targets).extracting(target -> target.path("labels").path("job").asText())
				.contains("edge-gateway", "sample-service", "admin-server", "config-server", "discovery-service", "zipkin");

		List<String> expected = new ArrayList<>(List.of("application=edge-gateway"));
		instances.forEach(instance -> expected.add(":" + instance.port()));
		Poll.until(PAGE_TIMEOUT, Duration.ofSeconds(1), () -> seriesLabels("http_server_requests_seconds_count"),
				series -> expected.stream().allMatch(part -> series.stream().anyMatch(labels -> labels.contains(part))),
				"http_server_requests_seconds_count of the gateway and of each sample instance (" + expected + ")");
	}

	@Test
	void environmentEndpointsShowNoPassword() {
		List<String> passwords = List.of(platform.eurekaUser.password(), platform.managementUser.password(),
				platform.brokerUser.password());
		for (ServiceProcess service : List.of(gateway, instances.get(0))) {
			Http.Response env = Http.get(service.url("/actuator/env"), platform.managementUser)
					.orElseThrow(() -> new AssertionError("no answer from " + service));
			assertThat(env.status()).as(service + " /actuator/env").isEqualTo(200);
			assertThat(env.body()).as(service + " /actuator/env").contains("systemEnvironment");
			passwords.forEach(password -> assertThat(env.body()).as(service + " /actuator/env").doesNotContain(password));
		}
	}

	/** The console's login form, as a person fills it in, then the page. */
	private void logIntoConsole(String path) {
		browser.open(admin.url("/login"));
		List<WebElement> username = Poll.until(PAGE_TIMEOUT, () -> browser.driver().findElements(By.name("username")),
				fields -> !fields.isEmpty(), "the login form");
		username.get(0).sendKeys(platform.managementUser.user());
		WebElement password = browser.driver().findElement(By.name("password"));
		password.sendKeys(platform.managementUser.password());
		password.submit();
		Poll.until(PAGE_TIMEOUT, () -> browser.driver().getCurrentUrl(), url -> !url.contains("/login"), "logged in");
		browser.open(admin.url(path));
	}

	private static boolean listsEveryApplication(String text) {
		String lower = text.toLowerCase(Locale.ROOT);
		return CONSOLE_APPLICATIONS.stream().allMatch(lower::contains);
	}

	/** The circuit's rate as the dashboard shows it: {@code Host: 2.5/s} (one gateway) and {@code Cluster: ...}. */
	private static double requestRate(String text) {
		Matcher rate = Pattern.compile("(?:Host|Cluster):\\s*([0-9][0-9.,]*)/s").matcher(text);
		double highest = 0;
		while (rate.find()) {
			highest = Math.max(highest, Double.parseDouble(rate.group(1).replace(",", "")));
		}
		return highest;
	}

	private static List<JsonNode> activeTargets() {
		List<JsonNode> targets = new ArrayList<>();
		Http.get(prometheus.url("/api/v1/targets?state=active")).filter(response -> response.status() == 200)
				.ifPresent(response -> parse(response.body()).path("data").path("activeTargets").forEach(targets::add));
		return targets;
	}

	/** Each series of a query's answer as {@code name=value} pairs (a port shows as {@code :port}). */
	private static List<String> seriesLabels(String query) {
		List<String> series = new ArrayList<>();
		Http.get(prometheus.url("/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)))
				.filter(response -> response.status() == 200)
				.ifPresent(response -> parse(response.body()).path("data").path("result").forEach(result -> {
					StringBuilder labels = new StringBuilder();
					result.path("metric").fields().forEachRemaining(label -> labels.append(label.getKey()).append('=')
							.append(label.getValue().asText()).append(' '));
					series.add(labels.toString());
				}));
		return series;
	}

	private static JsonNode parse(String body) {
		try {
			return JSON.readTree(body);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Prometheus from the PATH (Debian's package installs /usr/bin/prometheus); missing fails unless allowed. */
	private static Path prometheusOnPath() {
		Path found = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
				.map(directory -> Path.of(directory, "prometheus")).filter(Files::isExecutable).findFirst()
				.orElse(Path.of("/usr/bin/prometheus"));
		Browser.requireInstalled(List.of(found), "Debian's prometheus (apt-get install prometheus)");
		return found;
	}

}
