package io.github.cloudkit.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.cloud.bus.enabled=false")
class ConfigServerApplicationTests {

	private static final Path WORK;
	private static final Git REPO;

	static {
		// What ENCRYPT_KEY in the environment sets; a system property, because the key is read by the
		// bootstrap context, which test property sources do not reach.
		System.setProperty("encrypt.key", "a-test-key-that-is-not-in-any-repository");
		try {
			WORK = Files.createTempDirectory("config-repo-test");
			REPO = Git.init().setDirectory(WORK.resolve("origin").toFile()).call();
			REPO.getRepository().updateRef(Constants.HEAD).link("refs/heads/main");
			write("application.yml", "shared: from-application-yml\n");
			write("sample-service.yml", "message: first\n");
			commit("initial config");
		}
		catch (IOException | GitAPIException e) {
			throw new IllegalStateException(e);
		}
	}

	@DynamicPropertySource
	static void gitRepository(DynamicPropertyRegistry registry) {
		registry.add("CONFIG_GIT_URI", () -> WORK.resolve("origin").toString());
		registry.add("CONFIG_GIT_LABEL", () -> "main");
		registry.add("CONFIG_GIT_BASEDIR", () -> WORK.resolve("clone").toString());
		registry.add("CONFIG_SERVER_PASSWORD", () -> PASSWORD);
	}

	private static final String PASSWORD = "test-password";

	@AfterAll
	static void closeRepository() {
		REPO.close();
		System.clearProperty("encrypt.key");
	}

	@Autowired
	TestRestTemplate http;

	@Test
	void servesCommittedPropertiesWithTheCommitAsVersion() throws Exception {
		Map<String, Object> env = environment("sample-service/default/main");

		assertThat(env.get("label")).isEqualTo("main");
		assertThat(env.get("version")).isEqualTo(head());
		assertThat(propertyValues(env)).contains("first", "from-application-yml");
	}

	@Test
	void servesANewValueAfterACommitAndIgnoresUncommittedEdits() throws Exception {
		write("sample-service.yml", "message: second\n");
		commit("change message");
		assertThat(propertyValues(environment("sample-service"))).contains("second").doesNotContain("first");

		write("sample-service.yml", "message: not-committed\n");
		assertThat(propertyValues(environment("sample-service"))).contains("second").doesNotContain("not-committed");
		REPO.checkout().addPath("sample-service.yml").call();
	}

	@Test
	void answersAMissingLabelWith404() {
		ResponseEntity<String> response = client().getForEntity("/sample-service/default/no-such-branch", String.class);

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(response.getBody()).doesNotContain("at org.");
	}

	@Test
	void isHealthyWhileTheRepositoryCanBeRead() {
		ResponseEntity<String> health = http.getForEntity("/actuator/health", String.class);

		assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(health.getBody()).contains("\"status\":\"UP\"");
	}

	@Test
	void refusesAnonymousReadsOfConfiguration() {
		ResponseEntity<String> response = http.getForEntity("/sample-service/default", String.class);

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(String.valueOf(response.getBody())).doesNotContain("from-application-yml");
		assertThat(http.withBasicAuth("config", "wrong").getForEntity("/sample-service/default", String.class)
				.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void decryptsCipherValuesBeforeServingThemAndEncryptsOnlyForCallersWithCredentials() throws Exception {
		assertThat(http.postForEntity("/encrypt", "top secret", String.class).getStatusCode())
				.isEqualTo(HttpStatus.UNAUTHORIZED);
		String cipher = client().postForObject("/encrypt", "top secret", String.class);
		assertThat(cipher).isNotBlank().doesNotContain("top secret");

		write("encrypting-service.yml", "api-token: '{cipher}" + cipher + "'\n");
		commit("an encrypted property");

		assertThat(propertyValues(environment("encrypting-service"))).contains("top secret");
		assertThat(new String(Files.readAllBytes(WORK.resolve("origin/encrypting-service.yml")), StandardCharsets.UTF_8))
				.doesNotContain("top secret");
	}

	private TestRestTemplate client() {
		return http.withBasicAuth("config", PASSWORD);
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> environment(String application) {
		String path = application.contains("/") ? application : application + "/default";
		ResponseEntity<Map> response = client().getForEntity("/" + path, Map.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		return response.getBody();
	}

	@SuppressWarnings("unchecked")
	private static List<Object> propertyValues(Map<String, Object> environment) {
		return ((List<Map<String, Object>>) environment.get("propertySources")).stream()
				.flatMap(source -> ((Map<String, Object>) source.get("source")).values().stream())
				.collect(java.util.stream.Collectors.toList());
	}

	private static void write(String file, String content) throws IOException {
		Files.write(WORK.resolve("origin").resolve(file), content.getBytes(StandardCharsets.UTF_8));
	}

	private static void commit(String message) throws GitAPIException {
		REPO.add().addFilepattern(".").call();
		REPO.commit().setMessage(message).setAuthor("test", "test@localhost").setCommitter("test", "test@localhost").call();
	}

	private static String head() throws IOException {
		return REPO.getRepository().resolve("HEAD").name();
	}
}
