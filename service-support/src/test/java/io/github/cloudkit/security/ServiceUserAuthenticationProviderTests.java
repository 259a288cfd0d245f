package io.github.cloudkit.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

class ServiceUserAuthenticationProviderTests {

	private final CountingEncoder encoder = new CountingEncoder();

	@Test
	void aPlainPasswordIsCheckedWithoutTheEncoderAndStaysThatWay() {
		ServiceUserAuthenticationProvider provider = provider("ops", "s3cret");
		for (int i = 0; i < 5; i++) {
			assertThat(provider.authenticate(login("ops", "s3cret")).isAuthenticated()).isTrue();
		}
		assertThatThrownBy(() -> provider.authenticate(login("ops", "wrong"))).isInstanceOf(BadCredentialsException.class);
		assertThatThrownBy(() -> provider.authenticate(login("someone", "s3cret")))
				.isInstanceOf(BadCredentialsException.class);
		assertThat(provider.isEncoded()).isFalse();
		assertThat(encoder.checks).hasValue(0);
	}

	@Test
	void aNoopPrefixIsAPlainPassword() {
		ServiceUserAuthenticationProvider provider = provider("ops", "{noop}s3cret");
		assertThat(provider.authenticate(login("ops", "s3cret")).getName()).isEqualTo("ops");
		assertThatThrownBy(() -> provider.authenticate(login("ops", "{noop}s3cret")))
				.isInstanceOf(BadCredentialsException.class);
		assertThat(encoder.checks).hasValue(0);
	}

	@Test
	void anEncodedPasswordCostsTheEncoderOnceForTheRightCredentialAndEachTimeForAWrongOne() {
		ServiceUserAuthenticationProvider provider = provider("ops", encoder.encode("s3cret"));
		assertThat(provider.isEncoded()).isTrue();
		for (int i = 0; i < 5; i++) {
			provider.authenticate(login("ops", "s3cret"));
		}
		assertThat(encoder.checks).hasValue(1);
		assertThatThrownBy(() -> provider.authenticate(login("ops", "wrong"))).isInstanceOf(BadCredentialsException.class);
		assertThatThrownBy(() -> provider.authenticate(login("ops", "wrong"))).isInstanceOf(BadCredentialsException.class);
		assertThat(encoder.checks).hasValue(3);
		// A wrong name is refused before the slow check.
		assertThatThrownBy(() -> provider.authenticate(login("someone", "s3cret")))
				.isInstanceOf(BadCredentialsException.class);
		assertThat(encoder.checks).hasValue(3);
		provider.authenticate(login("ops", "s3cret"));
		assertThat(encoder.checks).hasValue(3);
	}

	@Test
	void theAuthenticatedUserCarriesTheConfiguredRolesAndNoCredentials() {
		SecurityProperties.User user = user("ops", "s3cret");
		user.setRoles(List.of("ACTUATOR"));
		Authentication authenticated = new ServiceUserAuthenticationProvider(user, encoder).authenticate(login("ops", "s3cret"));
		assertThat(authenticated.getAuthorities()).extracting(GrantedAuthority::getAuthority).containsExactly("ROLE_ACTUATOR");
		assertThat(authenticated.getCredentials()).isNull();
	}

	@Test
	void credentialsThatAreNoTextAreRefused() {
		ServiceUserAuthenticationProvider provider = provider("ops", "s3cret");
		assertThatThrownBy(() -> provider.authenticate(new UsernamePasswordAuthenticationToken("ops", null)))
				.isInstanceOf(BadCredentialsException.class);
	}

	private ServiceUserAuthenticationProvider provider(String name, String password) {
		return new ServiceUserAuthenticationProvider(user(name, password), encoder);
	}

	private static SecurityProperties.User user(String name, String password) {
		SecurityProperties.User user = new SecurityProperties.User();
		user.setName(name);
		user.setPassword(password);
		return user;
	}

	private static Authentication login(String name, String password) {
		return new UsernamePasswordAuthenticationToken(name, password);
	}

	/** Spring Security's delegating encoder, counting its checks. */
	static class CountingEncoder implements PasswordEncoder {

		final AtomicInteger checks = new AtomicInteger();

		private final PasswordEncoder delegate = PasswordEncoderFactories.createDelegatingPasswordEncoder();

		@Override
		public String encode(CharSequence rawPassword) {
			return delegate.encode(rawPassword);
		}

		@Override
		public boolean matches(CharSequence rawPassword, String encodedPassword) {
			checks.incrementAndGet();
			return delegate.matches(rawPassword, encodedPassword);
		}

	}

}
