package io.github.cloudkit.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cloudkit.support.ErrorBody;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.RequestEntity;
import org.springframework.http.ResponseEntity;

/** Every way a request fails, over real HTTP: its status and the kit's error body ({@link ApiErrors}, /error). */
@ApiTest
class ApiErrorsTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	@Autowired
	TestRestTemplate http;

	@Test
	void aRefusalsReasonIsTheMessageAndAnUnknownPathIsNotFound() throws IOException {
		ResponseEntity<String> missing = http.getForEntity("/things/" + Integer.MAX_VALUE, String.class);

		assertErrorBody(missing, 404);
		assertThat(missing.getBody()).isEqualTo(ErrorBody.json(404, "no thing has this id"));
		assertThat(missing.getHeaders().getETag()).as("no ETag on an error").isNull();
		assertThat(http.getForEntity("/no-such-path", String.class).getBody())
				.isEqualTo(ErrorBody.json(404, "no such resource"));
		assertErrorBody(http.getForEntity("/no-such-path", String.class), 404);
	}

	@Test
	void aPathParameterOfTheWrongTypeIsABadRequest() throws IOException {
		ResponseEntity<String> answer = http.getForEntity("/things/not-a-number", String.class);

		assertErrorBody(answer, 400);
		assertThat(answer.getBody()).isEqualTo(ErrorBody.json(400, "a path or query parameter has the wrong type"));
	}

	@Test
	void aBodyThatIsNotJsonOfTheRightShapeIsABadRequest() throws IOException {
		String expected = ErrorBody.json(400, "the request body is missing or is not JSON of the expected shape");

		assertThat(post("{\"name\": \"teapot\"").getBody()).isEqualTo(expected);
		assertThat(post("{\"name\":\"teapot\",\"quantity\":\"lots\"}").getBody()).isEqualTo(expected);
		assertThat(post("").getBody()).isEqualTo(expected);
		assertErrorBody(post("[1, 2]"), 400);
	}

	@Test
	void aBodyBreakingItsConstraintsIsRefusedNamingEveryBrokenFieldButNoValue() throws IOException {
		JsonNode body = assertErrorBody(post("{\"name\":\" \",\"quantity\":-12345}"), 400);

		assertThat(body.get("message").asText()).startsWith("name: ").contains("; quantity: ").doesNotContain("12345");
	}

	@Test
	void otherMethodsAndMediaTypesAreRefusedWithTheirStatusAndTheErrorBody() throws IOException {
		ResponseEntity<String> delete = http.exchange("/things", HttpMethod.DELETE, null, String.class);
		assertErrorBody(delete, 405);
		assertThat(delete.getHeaders().getAllow()).contains(HttpMethod.GET, HttpMethod.POST);

		ResponseEntity<String> text = http.exchange(RequestEntity.post(URI.create("/things"))
				.contentType(MediaType.TEXT_PLAIN).body("teapot"), String.class);
		assertErrorBody(text, 415);

		ResponseEntity<String> html = http.exchange(RequestEntity.get(URI.create("/things"))
				.accept(MediaType.TEXT_HTML).build(), String.class);
		assertErrorBody(html, 406);
	}

	@Test
	void aFailureIsAServerErrorSayingNothingOfItAndADeclaredStatusIsKept() throws IOException {
		ResponseEntity<String> failed = http.getForEntity("/things/failing", String.class);

		assertThat(failed.getBody()).isEqualTo(ErrorBody.json(500, "the service failed to handle the request"));
		assertErrorBody(failed, 500);
		assertErrorBody(http.getForEntity("/things/teapot", String.class), 418);
	}

	private ResponseEntity<String> post(String body) {
		return http.exchange(RequestEntity.post(URI.create("/things")).contentType(MediaType.APPLICATION_JSON).body(body),
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
		assertThat(response.getBody()).doesNotContain("Exception", "\tat ", "timestamp", "secret");
		return body;
	}

}
