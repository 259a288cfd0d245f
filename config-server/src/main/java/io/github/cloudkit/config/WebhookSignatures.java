package io.github.cloudkit.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.servlet.FilterChain;
import javax.servlet.ReadListener;
import javax.servlet.ServletException;
import javax.servlet.ServletInputStream;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletRequestWrapper;
import javax.servlet.http.HttpServletResponse;

import io.github.cloudkit.support.ErrorBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.util.StreamUtils;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The other way into {@code POST /monitor}, besides the config server's credentials: a push webhook that proves it
 * knows the shared secret ({@code kit.monitor.webhook-secret}). GitHub and Gitea sign the body:
 * {@code X-Hub-Signature-256: sha256=<HMAC-SHA256 hex>}; GitLab sends the secret itself in {@code X-Gitlab-Token}.
 * A request with neither goes on to the credentials check (and its 401); one with a wrong one is answered 401 here.
 */
class WebhookSignatures extends OncePerRequestFilter {

	static final String GITHUB_SIGNATURE = "X-Hub-Signature-256";

	static final String GITLAB_TOKEN = "X-Gitlab-Token";

	private static final Logger log = LoggerFactory.getLogger(WebhookSignatures.class);

	private final MonitorProperties properties;

	WebhookSignatures(MonitorProperties properties) {
		this.properties = properties;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !("POST".equals(request.getMethod()) && "/monitor".equals(request.getServletPath()))
				|| (request.getHeader(GITHUB_SIGNATURE) == null && request.getHeader(GITLAB_TOKEN) == null);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String secret = properties.getWebhookSecret();
		if (secret == null || secret.isEmpty()) {
			refuse(request, response, "no webhook secret is configured (MONITOR_SECRET); use the config server's credentials");
			return;
		}
		if (request.getContentLengthLong() > properties.getMaxPayloadBytes()) {
			log.warn("Refused a webhook of {} bytes from {} (at most {})", request.getContentLengthLong(), request.getRemoteAddr(),
					properties.getMaxPayloadBytes());
			ErrorBody.write(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "the payload is too large");
			return;
		}
		byte[] body = StreamUtils.copyToByteArray(limited(request.getInputStream()));
		if (body.length > properties.getMaxPayloadBytes()) {
			ErrorBody.write(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "the payload is too large");
			return;
		}
		String signature = request.getHeader(GITHUB_SIGNATURE);
		boolean valid = signature != null ? equal(signature, "sha256=" + hmacSha256(secret, body))
				: equal(request.getHeader(GITLAB_TOKEN), secret);
		if (!valid) {
			refuse(request, response, "wrong webhook signature");
			return;
		}
		SecurityContextHolder.getContext().setAuthentication(
				new PreAuthenticatedAuthenticationToken("webhook", "", AuthorityUtils.NO_AUTHORITIES));
		chain.doFilter(new ReadAgain(request, body), response);
	}

	private InputStream limited(InputStream in) {
		return new java.io.FilterInputStream(in) {
			private long left = properties.getMaxPayloadBytes() + 1L;

			@Override
			public int read(byte[] buffer, int offset, int length) throws IOException {
				if (left <= 0) {
					return -1;
				}
				int read = super.read(buffer, offset, (int) Math.min(length, left));
				if (read > 0) {
					left -= read;
				}
				return read;
			}
		};
	}

	private static void refuse(HttpServletRequest request, HttpServletResponse response, String reason) throws IOException {
		log.warn("Refused a webhook from {}: {}", request.getRemoteAddr(), reason);
		ErrorBody.write(response, HttpServletResponse.SC_UNAUTHORIZED, reason);
	}

	static String hmacSha256(String secret, byte[] body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			StringBuilder hex = new StringBuilder();
			for (byte b : mac.doFinal(body)) {
				hex.append(String.format("%02x", b));
			}
			return hex.toString();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	/** In constant time: how long a comparison takes says nothing about how much of the secret was right. */
	private static boolean equal(String given, String expected) {
		return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
	}

	/** The request with its body read once already: the monitor endpoint reads it again. */
	private static final class ReadAgain extends HttpServletRequestWrapper {

		private final byte[] body;

		ReadAgain(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream in = new ByteArrayInputStream(body);
			return new ServletInputStream() {
				@Override
				public int read() {
					return in.read();
				}

				@Override
				public int read(byte[] buffer, int offset, int length) {
					return in.read(buffer, offset, length);
				}

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException();
				}
			};
		}

	}

}
