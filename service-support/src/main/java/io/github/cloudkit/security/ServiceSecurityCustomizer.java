package io.github.cloudkit.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/**
 * A service's own addition to the kit's one security policy (another way in, such as the config server's signed
 * webhooks), applied after the policy itself: a bean of this type changes the policy without replacing it.
 */
@FunctionalInterface
public interface ServiceSecurityCustomizer {

	void customize(HttpSecurity http) throws Exception;

}
