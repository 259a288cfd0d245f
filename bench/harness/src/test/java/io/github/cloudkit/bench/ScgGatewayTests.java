package io.github.cloudkit.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

class ScgGatewayTests {

	@Test
	void settingsBecomeJsonThatSpringReadsBack() {
		Map<String, String> settings = new LinkedHashMap<>();
		settings.put("spring.cloud.config.uri", "http://127.0.0.1:1,http://127.0.0.1:2");
		settings.put("odd", "a \"quoted\" back\\slash");
		String json = ScgGateway.json(settings);
		assertThat(json).startsWith("{\"spring.cloud.config.uri\":");
		assertThat((String) JsonPath.read(json, "$['spring.cloud.config.uri']")).isEqualTo("http://127.0.0.1:1,http://127.0.0.1:2");
		assertThat((String) JsonPath.read(json, "$.odd")).isEqualTo("a \"quoted\" back\\slash");
	}

}
