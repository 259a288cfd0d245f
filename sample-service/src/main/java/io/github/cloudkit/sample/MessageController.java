package io.github.cloudkit.sample;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.client.serviceregistry.Registration;
import org.springframework.cloud.context.config.annotation.RefreshScope;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Rebuilt on every refresh, so a committed change of {@code message} is answered without a restart. */
@RestController
@RefreshScope
public class MessageController {

	private final String message;
	private final String encryptedMessage;
	private final Registration registration;

	public MessageController(@Value("${message}") String message,
			@Value("${encrypted-message:no encrypted-message is configured}") String encryptedMessage,
			Registration registration) {
		this.message = message;
		this.encryptedMessage = encryptedMessage;
		this.registration = registration;
	}

	@GetMapping(path = "/", produces = MediaType.TEXT_PLAIN_VALUE)
	public String message() {
		return message;
	}

	/**
	 * A property committed only as {@code '{cipher}...'}: the config server decrypts it before serving it
	 * (see README, "Encrypted properties"). A demo value, not a secret: a real secret is never answered.
	 */
	@GetMapping(path = "/encrypted", produces = MediaType.TEXT_PLAIN_VALUE)
	public String encryptedMessage() {
		return encryptedMessage;
	}

	/** The id this instance is registered under in Eureka. */
	@GetMapping(path = "/id", produces = MediaType.TEXT_PLAIN_VALUE)
	public String id() {
		return registration.getInstanceId();
	}
}
