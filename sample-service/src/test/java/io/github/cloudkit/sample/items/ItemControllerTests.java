package io.github.cloudkit.sample.items;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cloudkit.sample.SampleServiceTest;
import io.github.cloudkit.support.ErrorBody;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.RequestEntity;
import org.springframework.http.ResponseEntity;

/**
 * The example resource over real HTTP: what it answers and how it refuses. How every request fails (methods, media
 * types, malformed bodies, unknown paths) and ETags are api-support's, tested there.
 */
@SampleServiceTest
class ItemControllerTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	@Autowired
	TestRestTemplate http;

	@LocalServerPort
	int port;

	@Test
	void anAddedItemIsAnsweredWithItsLocationAndIsThenListedAndReadable() throws IOException {
		ResponseEntity<String> added = post("{\"name\":\"teapot\",\"quantity\":3}");

		assertThat(added.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		JsonNode item = json(added);
		long id = item.get("id").asLong();
		assertThat(item.get("name").asText()).isEqualTo("teapot");
		assertThat(item.get("quantity").asInt()).isEqualTo(3);
		URI location = added.getHeaders().getLocation();
		assertThat(location).isEqualTo(URI.create("http://localhost:" + port + "/items/" + id));

		ResponseEntity<String> read = http.getForEntity(location, String.class);
		assertThat(read.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(json(read)).isEqualTo(item);
		List<Long> listed = new ArrayList<>();
		json(http.getForEntity("/items", String.class)).forEach(each -> listed.add(each.get("id").asLong()));
		assertThat(listed).contains(id).isSorted();
	}

	@Test
	void aQuantityIsOptionalAndZeroWhenAbsent() throws IOException {
		ResponseEntity<String> added = post("{\"name\":\"spoon\"}");

		assertThat(added.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(json(added).get("quantity").asInt()).isZero();
	}

	@Test
	void anItemBreakingTheConstraintsIsRefusedNamingEveryBrokenField() throws IOException {
		ResponseEntity<String> refused = post("{\"name\":\" \",\"quantity\":-1}");

		JsonNode body = assertErrorBody(refused, 400);
		assertThat(body.get("message").asText()).startsWith("name: ").contains("; quantity: ");
		String tooLong = "x".repeat(NewItem.MAX_NAME_LENGTH + 1);
		assertThat(assertErrorBody(post("{\"name\":\"" + tooLong + "\"}"), 400).get("message").asText())
				.startsWith("name: ").doesNotContain(tooLong);
		assertErrorBody(post("{}"), 400);
	}

	@Test
	void anUnknownIdIsNotFound() throws IOException {
		ResponseEntity<String> missing = http.getForEntity("/items/" + Long.MAX_VALUE, String.class);

		assertErrorBody(missing, 404);
		assertThat(missing.getBody()).isEqualTo(ErrorBody.json(404, "no item has this id"));
	}

	@Test
	void behindTheGatewayTheLocationIsTheOneTheClientReaches() {
		ResponseEntity<String> added = http.exchange(RequestEntity.post(URI.create("/items"))
				.contentType(MediaType.APPLICATION_JSON)
				.header("X-Forwarded-Host", "gateway.example:8080").header("X-Forwarded-Proto", "http")
				.header("X-Forwarded-Port", "8080").header("X-Forwarded-Prefix", "/hello")
				.body("{\"name\":\"cup\"}"), String.class);

		assertThat(added.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(added.getHeaders().getLocation().toString()).matches("http://gateway\\.example:8080/hello/items/\\d+");
	}

	private ResponseEntity<String> post(String body) {
		return http.exchange(RequestEntity.post(URI.create("/items")).contentType(MediaType.APPLICATION_JSON).body(body),
				String.class);
	}

	/** The kit's error body and nothing else: no Spring error map (timestamp, path), no exception, no trace. */
	static JsonNode assertErrorBody(ResponseEntity<String> response, int status) throws IOException {
		assertThat(response.getStatusCodeValue()).as(response.toString()).isEqualTo(status);
		assertThat(response.getHeaders().getContentType()).isNotNull()
				.satisfies(type -> assertThat(type.isCompatibleWith(MediaType.APPLICATION_JSON)).isTrue());
		JsonNode body = JSON.readTree(response.getBody());
		assertThat(body.get("status").asInt()).isEqualTo(status);
		assertThat(body.get("error").asText()).isEqualTo(ErrorBody.reason(status));
		assertThat(body.get("message").asText()).isNotBlank();
		assertThat(body.size()).isEqualTo(3);
		assertThat(response.getBody()).doesNotContain("Exception", "\tat ", "timestamp");
		return body;
	}

	private static JsonNode json(ResponseEntity<String> response) throws IOException {
		return JSON.readTree(response.getBody());
	}

}
