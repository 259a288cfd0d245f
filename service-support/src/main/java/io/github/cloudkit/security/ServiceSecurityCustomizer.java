package io.github.cloudkit.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/**
 * A service's own addition to the kit's one security policy (another way in, such as the config server's signed
 * webhooks, a console's login page), applied after the policy's own settings and before its last rule (every other
 * request needs the credentials): a bean of this type changes the policy without replacing it.
 */
@FunctionalInterface
public interface ServiceSecurityCustomizer {

	void customize(HttpSecurity http) throws Exception;

}
