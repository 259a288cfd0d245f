package io.github.cloudkit.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code kit.security.*}: how much of a service needs the credentials of {@code spring.security.user}. */
@ConfigurationProperties("kit.security")
public class ServiceSecurityProperties {

	/**
	 * True for services whose every answer is sensitive (config server, registry): everything but the
	 * health and info endpoints needs credentials. False for services that serve clients: only their
	 * actuator endpoints do.
	 */
	private boolean protectEverything;

	public boolean isProtectEverything() {
		return protectEverything;
	}

	public void setProtectEverything(boolean protectEverything) {
		this.protectEverything = protectEverything;
	}

}
