package io.github.cloudkit.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.amqp.RabbitProperties;
import org.springframework.boot.cloud.CloudFoundryVcapEnvironmentPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.yaml.snakeyaml.Yaml;

/**
 * On Cloud Foundry the bus broker is the RabbitMQ service instance {@code platform-bus} bound to every Spring app
 * (manifests/manifest.yml): the {@code cloud} profile takes its address from VCAP_SERVICES. Resolved here as a
 * service resolves it, with no cf and no broker: Spring Boot's own VCAP_SERVICES flattening, placeholders and
 * {@link RabbitProperties}, over the shared cloud profile (config-repo/application-cloud.yml) and the config
 * server's own cloud section (it reads no repository).
 */
class CloudFoundryBusBindingTests {

	/** What the apps are started with besides VCAP_SERVICES: the kit's local settings must not win on the platform. */
	private static final Map<String, String> LOCAL_SETTINGS = Map.of("SPRING_RABBITMQ_HOST", "localhost",
			"SPRING_RABBITMQ_PORT", "5672", "SPRING_RABBITMQ_USERNAME", "bus", "SPRING_RABBITMQ_PASSWORD", "local");

	/** A marketplace RabbitMQ instance (p.rabbitmq's shape, trimmed), TLS on 5671 and a virtual host of its own. */
	private static final String MARKETPLACE = "{\"p.rabbitmq\":[{\"label\":\"p.rabbitmq\",\"name\":\"platform-bus\","
			+ "\"instance_name\":\"platform-bus\",\"plan\":\"single-node\",\"tags\":[\"rabbitmq\"],\"credentials\":{"
			+ "\"uri\":\"amqps://b7e1c0a2:s3cr3tpw@q-s0.rabbitmq-server.service-instance-1.bosh:5671/vhost-5f1d\","
			+ "\"username\":\"b7e1c0a2\",\"password\":\"s3cr3tpw\",\"vhost\":\"vhost-5f1d\",\"ssl\":true}}],"
			+ "\"user-provided\":[{\"label\":\"user-provided\",\"name\":\"config-server\",\"credentials\":{\"uri\":"
			+ "\"https://kit-config-server.apps.example.com\"}}]}";

	/** The marketplace-neutral way: a user-provided service with the same name and a uri (manifests/README.md). */
	private static final String USER_PROVIDED = "{\"user-provided\":[{\"label\":\"user-provided\",\"name\":"
			+ "\"platform-bus\",\"instance_name\":\"platform-bus\",\"credentials\":{\"uri\":"
			+ "\"amqp://kit:pw42@rabbit.example.com/kit\"}}]}";

	private static final String UNBOUND = "{\"user-provided\":[{\"label\":\"user-provided\",\"name\":\"config-server\","
			+ "\"credentials\":{\"uri\":\"https://kit-config-server.apps.example.com\"}}]}";

	@Test
	void everySpringAppTakesTheBoundMarketplaceBrokerFromVcapServices() throws IOException {
		for (Map.Entry<String, Map<String, Object>> profile : cloudProfiles().entrySet()) {
			RabbitProperties rabbit = resolve(profile.getValue(), MARKETPLACE);
			assertThat(rabbit.determineAddresses()).as(profile.getKey())
					.isEqualTo("q-s0.rabbitmq-server.service-instance-1.bosh:5671");
			assertThat(rabbit.determineUsername()).as(profile.getKey()).isEqualTo("b7e1c0a2");
			assertThat(rabbit.determinePassword()).as(profile.getKey()).isEqualTo("s3cr3tpw");
			assertThat(rabbit.determineVirtualHost()).as(profile.getKey()).isEqualTo("vhost-5f1d");
			assertThat(rabbit.getSsl().determineEnabled()).as(profile.getKey() + ": amqps means TLS").isTrue();
		}
	}

	@Test
	void aUserProvidedServiceOfTheSameNameWorksTheSame() throws IOException {
		for (Map.Entry<String, Map<String, Object>> profile : cloudProfiles().entrySet()) {
			RabbitProperties rabbit = resolve(profile.getValue(), USER_PROVIDED);
			assertThat(rabbit.determineAddresses()).as(profile.getKey()).isEqualTo("rabbit.example.com:5672");
			assertThat(rabbit.determineUsername()).as(profile.getKey()).isEqualTo("kit");
			assertThat(rabbit.determinePassword()).as(profile.getKey()).isEqualTo("pw42");
			assertThat(rabbit.determineVirtualHost()).as(profile.getKey()).isEqualTo("kit");
			assertThat(rabbit.getSsl().determineEnabled()).as(profile.getKey()).isFalse();
		}
	}

	@Test
	void withNoBrokerBoundTheSettingsTheAppIsStartedWithApply() throws IOException {
		for (Map.Entry<String, Map<String, Object>> profile : cloudProfiles().entrySet()) {
			RabbitProperties rabbit = resolve(profile.getValue(), UNBOUND);
			assertThat(rabbit.determineAddresses()).as(profile.getKey()).isEqualTo("localhost:5672");
			assertThat(rabbit.determineUsername()).as(profile.getKey()).isEqualTo("bus");
			assertThat(rabbit.determinePassword()).as(profile.getKey()).isEqualTo("local");
		}
	}

	/** The shared cloud profile and the config server's cloud section, flattened to property names. */
	private static Map<String, Map<String, Object>> cloudProfiles() throws IOException {
		Map<String, Map<String, Object>> profiles = new LinkedHashMap<>();
		profiles.put("config-repo/application-cloud.yml", documents("config-repo/application-cloud.yml").get(0));
		Map<String, Object> configServerCloud = null;
		for (Map<String, Object> document : documents("config-server/src/main/resources/application.yml")) {
			if ("cloud".equals(document.get("spring.profiles"))) {
				configServerCloud = document;
			}
		}
		assertThat(configServerCloud).as("the config server's cloud section").isNotNull();
		profiles.put("config-server's application.yml, profile cloud", configServerCloud);
		return profiles;
	}

	/** spring.rabbitmq.* as a service binds it: the profile below the environment Cloud Foundry gives it. */
	private static RabbitProperties resolve(Map<String, Object> profile, String vcapServices) {
		Map<String, Object> environment = new HashMap<>(LOCAL_SETTINGS);
		environment.put("VCAP_APPLICATION", "{\"application_name\":\"sample-service\",\"instance_id\":\"guid-1\"}");
		environment.put("VCAP_SERVICES", vcapServices);
		StandardEnvironment spring = new StandardEnvironment();
		spring.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		spring.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
		spring.getPropertySources().addFirst(new SystemEnvironmentPropertySource(
				StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment));
		spring.getPropertySources().addLast(new MapPropertySource("cloud profile", profile));
		new CloudFoundryVcapEnvironmentPostProcessor().postProcessEnvironment(spring, new SpringApplication());
		assertThat(spring.getPropertySources().contains("vcap")).as("Spring Boot read VCAP_SERVICES").isTrue();
		return Binder.get(spring).bind("spring.rabbitmq", RabbitProperties.class).orElseGet(RabbitProperties::new);
	}

	private static List<Map<String, Object>> documents(String file) throws IOException {
		List<Map<String, Object>> documents = new ArrayList<>();
		try (Reader reader = Files.newBufferedReader(Kit.root().resolve(Path.of(file)))) {
			for (Object document : new Yaml().loadAll(reader)) {
				Map<String, Object> flat = new LinkedHashMap<>();
				flatten("", document, flat);
				documents.add(flat);
			}
		}
		return documents;
	}

	private static void flatten(String name, Object value, Map<String, Object> into) {
		if (value instanceof Map) {
			((Map<?, ?>) value).forEach((key, child) -> flatten(name.isEmpty() ? key.toString() : name + "." + key, child, into));
		}
		else if (value instanceof List) {
			List<?> list = (List<?>) value;
			for (int i = 0; i < list.size(); i++) {
				flatten(name + "[" + i + "]", list.get(i), into);
			}
		}
		else if (value != null) {
			into.put(name, value);
		}
	}

}
