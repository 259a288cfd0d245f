package io.github.cloudkit.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cloudkit.support.ErrorBody;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.RequestEntity;
import org.springframework.http.ResponseEntity;

/** The OpenAPI document: anonymous, titled with the service's name, the error body's schema, its server as seen outside. */
@ApiTest
class ApiDocumentTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	@Autowired
	TestRestTemplate http;

	@LocalServerPort
	int port;

	@Test
	void isTitledWithTheApplicationsNameAndListsNoErrorOperation() throws IOException {
		JsonNode document = document(RequestEntity.get(URI.create("/v3/api-docs")).build());

		assertThat(document.get("openapi").asText()).startsWith("3.");
		assertThat(document.at("/info/title").asText()).isEqualTo("api-test");
		assertThat(document.at("/info/version").asText()).as("no build-info in this module").isEqualTo("dev");
		assertThat(document.at("/paths/~1things~1{id}/get/responses/404/content/application~1json/schema/$ref").asText())
				.isEqualTo("#/components/schemas/Error");
		assertThat(document.get("paths").has("/error")).as("the error path is no operation").isFalse();
	}

	/** The schema is documentation; the body is ErrorBody's: the same fields, or the document lies. */
	@Test
	void theErrorSchemaHasExactlyTheFieldsOfTheErrorBody() throws IOException {
		JsonNode schema = document(RequestEntity.get(URI.create("/v3/api-docs")).build()).at("/components/schemas/Error");

		assertThat(fieldNames(schema.get("properties"))).isEqualTo(fieldNames(JSON.readTree(ErrorBody.json(404, "x"))));
	}

	@Test
	void theServerIsTheGatewaysRouteWhenAskedThroughItAndTheServiceItselfOtherwise() throws IOException {
		RequestEntity<Void> throughGateway = RequestEntity.get(URI.create("/v3/api-docs"))
				.header("X-Forwarded-Host", "localhost:8080").header("X-Forwarded-Proto", "http")
				.header("X-Forwarded-Port", "8080").header("X-Forwarded-Prefix", "/hello").build();

		assertThat(document(throughGateway).at("/servers/0/url").asText()).isEqualTo("http://localhost:8080/hello");
		assertThat(document(RequestEntity.get(URI.create("/v3/api-docs")).build()).at("/servers/0/url").asText())
				.as("not the URL of an earlier request").isEqualTo("http://localhost:" + port);
	}

	private JsonNode document(RequestEntity<Void> request) throws IOException {
		ResponseEntity<String> answer = http.exchange(request, String.class);
		assertThat(answer.getStatusCode()).as("anonymous").isEqualTo(HttpStatus.OK);
		return JSON.readTree(answer.getBody());
	}

	private static List<String> fieldNames(JsonNode object) {
		List<String> names = new ArrayList<>();
		object.fieldNames().forEachRemaining(names::add);
		names.sort(null);
		return names;
	}

}
