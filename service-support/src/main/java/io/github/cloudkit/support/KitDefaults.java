package io.github.cloudkit.support;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Settings that are the kit's services' own policy, not every service's: they sit below everything else (the
 * config repository, the service's own files, its command line), so any of those can still set them, and a service
 * written elsewhere, which does not have service-support, never gets them from the shared repository. Added to the
 * environment before the application context is built (spring.factories), so auto-configuration conditions see
 * them.
 */
public class KitDefaults implements EnvironmentPostProcessor {

	static final String NAME = "kitDefaults";

	static Map<String, Object> defaults() {
		Map<String, Object> defaults = new LinkedHashMap<>();
		// Keep one Eureka client for the service's life. By default POST /actuator/refresh shuts it down and builds a
		// new one: the instance deregisters, and a gateway's new client fetched no registry for a few seconds (every
		// request fell back). Eureka settings therefore need a restart; everything else refreshes. The instance is
		// then built before the web server binds a port 0, which SteadyEurekaRegistration mends; Spring Cloud's
		// default (a refreshable client, built lazily) registers the bound port by itself.
		defaults.put("eureka.client.refresh.enable", "false");
		// The port the platform gives the instance (./platform, Compose, Cloud Foundry), else a free one: many
		// instances side by side. The registry, the gateway and the config server name theirs in their own files.
		defaults.put("server.port", "${PORT:0}");
		// The kit's contract: EUREKA_URI names the registry, with its credentials in it
		// (http://<EUREKA_USER>:<EUREKA_PASSWORD>@host:port/eureka/). Served by the repository it would replace the
		// URL any other service is given, credentials and all.
		defaults.put("eureka.client.service-url.defaultZone", "${EUREKA_URI:http://localhost:8761/eureka/}");
		// Health says whether the service can serve requests. The bus broker is not needed for that: its outage must
		// not take every instance out of rotation (the message broker itself turns this back on).
		defaults.put("management.health.rabbit.enabled", "false");
		defaults.put("management.health.binders.enabled", "false");
		// The bus id, name:profiles:unique. The config server's /monitor names a profile's file (sample-service-blue.yml) as
		// the destination sample-service:blue: Spring Cloud's default id (name:port:random) would never match it, and
		// the instances running that profile would miss the change. Unique per process (Cloud Foundry: per instance):
		// instances that shared an id would drop each other's events as their own.
		defaults.put("spring.cloud.bus.id", "${spring.application.name}:${spring.profiles.active:default}:"
				+ "${vcap.application.instance_id:${cachedrandom.${spring.application.name}.value}}");
		return defaults;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.getPropertySources().contains(NAME)) {
			environment.getPropertySources().addLast(new MapPropertySource(NAME, defaults()));
		}
	}

}
