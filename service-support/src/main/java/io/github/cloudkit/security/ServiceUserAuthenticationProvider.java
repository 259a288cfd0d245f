package io.github.cloudkit.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Checks Basic credentials against the service's one user ({@code spring.security.user}).
 * <p>
 * The kit's credentials are long random machine secrets, not human passwords: a slow adaptive hash protects
 * nothing there. Spring Boot's default user store, though, let Spring Security re-encode the plain password
 * with BCrypt after the first login, and from then on every request with credentials, right or wrong, cost a
 * BCrypt check (~80 ms of CPU). Here a plain password is compared as SHA-256 digests in constant time
 * (microseconds) and is never re-encoded.
 * <p>
 * A password configured encoded ({@code {bcrypt}...}, as Spring Security writes them) is checked by the
 * encoder. The credential last verified that way is remembered as a digest, so a client repeating it costs a
 * digest; a new or wrong one costs the encoder's check every time.
 */
public class ServiceUserAuthenticationProvider implements AuthenticationProvider {

	private static final Pattern ENCODED = Pattern.compile("^\\{([^}]+)}(.*)$", Pattern.DOTALL);

	private final String name;

	private final byte[] nameDigest;

	/** Digest of the plain password, or of the one last verified by the encoder (null before that). */
	private volatile byte[] passwordDigest;

	/** The configured password when it is encoded; null when it is plain. */
	private final String encodedPassword;

	private final PasswordEncoder encoder;

	private final List<GrantedAuthority> authorities;

	/**
	 * @param encoder checks an encoded password (a {@code DelegatingPasswordEncoder} reads the {@code {id}}
	 * prefix); never used for a plain one
	 */
	public ServiceUserAuthenticationProvider(SecurityProperties.User user, PasswordEncoder encoder) {
		this.name = user.getName();
		this.nameDigest = sha256(user.getName());
		this.encoder = encoder;
		this.authorities = user.getRoles().stream().map(role -> new SimpleGrantedAuthority("ROLE_" + role))
				.collect(Collectors.toUnmodifiableList());
		Matcher encoded = ENCODED.matcher(user.getPassword());
		if (!encoded.matches()) {
			this.encodedPassword = null;
			this.passwordDigest = sha256(user.getPassword());
		}
		else if ("noop".equals(encoded.group(1))) {
			this.encodedPassword = null;
			this.passwordDigest = sha256(encoded.group(2));
		}
		else {
			this.encodedPassword = user.getPassword();
			this.passwordDigest = null;
		}
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		Object credentials = authentication.getCredentials();
		if (!(credentials instanceof String)) {
			throw new BadCredentialsException("Bad credentials");
		}
		byte[] presented = sha256((String) credentials);
		// Both compared whatever the first says, so the time taken tells nothing about which one was wrong.
		boolean nameMatches = MessageDigest.isEqual(nameDigest, sha256(authentication.getName()));
		byte[] known = passwordDigest;
		boolean passwordMatches = known != null && MessageDigest.isEqual(known, presented);
		if (!passwordMatches && encodedPassword != null && nameMatches
				&& encoder.matches((String) credentials, encodedPassword)) {
			passwordDigest = presented;
			passwordMatches = true;
		}
		if (!(nameMatches && passwordMatches)) {
			throw new BadCredentialsException("Bad credentials");
		}
		return new UsernamePasswordAuthenticationToken(name, null, authorities);
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

	/** True when the configured password is encoded, so a new credential costs the encoder's check. */
	public boolean isEncoded() {
		return encodedPassword != null;
	}

	private static byte[] sha256(String text) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java runtime has SHA-256", ex);
		}
	}

}
