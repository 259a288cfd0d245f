package io.github.cloudkit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The gateway's one Swagger UI: it lists a document per route, follows the routes, and no route takes it over. */
class ApiDocsTests extends GatewayTestSupport {

	private static final String SWAGGER_CONFIG = "/v3/api-docs/swagger-config";

	@AfterEach
	void restore() {
		refreshWith("");
	}

	@Test
	void theUiListsOneDocumentPerRouteAtTheRoutesPrefix() {
		assertThat(listed()).containsExactlyInAnyOrder("sample-service=/hello/v3/api-docs",
				"flaky-service=/flaky/v3/api-docs", "refused-service=/refused/v3/api-docs", "down-service=/down/v3/api-docs",
				"empty-service=/empty/v3/api-docs");
	}

	@Test
	void aRouteAddedByARefreshIsListedAndGoneWhenRemoved() {
		refreshWith("zuul:\n  routes:\n    orders:\n      path: /orders/**\n      serviceId: order-service\n"
				+ "    extra:\n      path: /extra/**\n      serviceId: sample-service\n");

		assertThat(listed()).contains("order-service=/orders/v3/api-docs",
				"sample-service (hello)=/hello/v3/api-docs", "sample-service (extra)=/extra/v3/api-docs")
				.doesNotContain("sample-service=/hello/v3/api-docs");

		refreshWith("");

		assertThat(listed()).contains("sample-service=/hello/v3/api-docs").noneMatch(entry -> entry.contains("orders"));
	}

	@Test
	void aServicesDocumentIsFetchedThroughItsRoute() {
		HttpResponse<String> document = get("/hello/v3/api-docs");

		assertThat(document.statusCode()).isEqualTo(200);
		assertThat(document.body()).matches("BACKEND [AB] GET /v3/api-docs");
	}

	@Test
	void theUiAndItsResourcesAreTheGatewaysOwnEvenUnderARouteForEveryPath() {
		refreshWith("zuul:\n  routes:\n    everything:\n      path: /**\n      serviceId: sample-service\n");
		assertThat(get("/anything").body()).as("the catch-all route routes").matches("BACKEND [AB] GET /anything");
		int before = backends.all().size();

		HttpResponse<String> redirect = get("/swagger-ui.html");
		assertThat(redirect.statusCode()).isEqualTo(302);
		assertThat(redirect.headers().firstValue("Location")).hasValueSatisfying(
				location -> assertThat(location).contains("/swagger-ui/index.html"));
		HttpResponse<String> page = get("/swagger-ui/index.html");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("text/html"));
		assertThat(page.body()).contains("swagger-ui");
		for (String resource : List.of("/swagger-ui/swagger-ui-bundle.js", "/swagger-ui/swagger-ui.css",
				"/swagger-ui/swagger-initializer.js")) {
			assertThat(get(resource).statusCode()).as(resource).isEqualTo(200);
		}
		assertThat(listed()).as("no document at a route without a prefix").noneMatch(entry -> entry.contains("everything"));
		assertThat(backends.all()).as("requests the backends received").hasSize(before);
	}

	/** "name=url" of every document the UI lists. */
	private List<String> listed() {
		HttpResponse<String> config = get(SWAGGER_CONFIG);
		assertThat(config.statusCode()).isEqualTo(200);
		JsonNode body = json(config);
		assertThat(body.has("url")).as("no single URL beside the list").isFalse();
		List<String> entries = new ArrayList<>();
		body.path("urls").forEach(url -> entries.add(url.get("name").asText() + "=" + url.get("url").asText()));
		return entries;
	}

}
