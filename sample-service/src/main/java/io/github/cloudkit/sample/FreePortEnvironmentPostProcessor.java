package io.github.cloudkit.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.SocketUtils;

/**
 * With {@code server.port: ${PORT:0}} the web server binds a random port only after Eureka has built the
 * instance's id from {@code server.port}, so every instance would be registered as {@code ...:0}. When no
 * {@code PORT} is given, choose a free one up front: the id, the registration and the bound port then agree.
 * It is kept as a system property because {@code /actuator/refresh} rebuilds the environment from the
 * standard sources only; anything else would pick a second port and re-register the instance under it.
 */
public class FreePortEnvironmentPostProcessor implements EnvironmentPostProcessor {

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.containsProperty("PORT")) {
			System.setProperty("PORT", String.valueOf(SocketUtils.findAvailableTcpPort()));
		}
	}
}
