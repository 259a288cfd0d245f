package io.github.cloudkit.sample;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.client.serviceregistry.Registration;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Reads its properties on every request: a committed change of {@code message} is answered after the refresh. */
@RestController
@EnableConfigurationProperties(MessageProperties.class)
public class MessageController {

	private final MessageProperties properties;
	private final Registration registration;

	public MessageController(MessageProperties properties, Registration registration) {
		this.properties = properties;
		this.registration = registration;
	}

	@GetMapping(path = "/", produces = MediaType.TEXT_PLAIN_VALUE)
	public String message() {
		return properties.getMessage();
	}

	/**
	 * A property committed only as {@code '{cipher}...'}: the config server decrypts it before serving it
	 * (see README, "Encrypted properties"). A demo value, not a secret: a real secret is never answered.
	 */
	@GetMapping(path = "/encrypted", produces = MediaType.TEXT_PLAIN_VALUE)
	public String encryptedMessage() {
		return properties.getEncryptedMessage();
	}

	/** The id this instance is registered under in Eureka. */
	@GetMapping(path = "/id", produces = MediaType.TEXT_PLAIN_VALUE)
	public String id() {
		return registration.getInstanceId();
	}
}
