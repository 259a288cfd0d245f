package io.github.cloudkit.sample;

import javax.validation.constraints.NotBlank;

import io.github.cloudkit.support.PropertyDefaults;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The template's configuration, at the top level of config-repo/sample-service.yml. Bound again on every refresh; a
 * commit that leaves {@code message} empty is rejected by that refresh (service-support's SafeContextRefresher) and
 * the current message stays.
 */
@ConfigurationProperties
@Validated
public class MessageProperties implements DisposableBean {

	/** Answered by GET /. */
	@NotBlank
	private String message;

	/** Answered by GET /encrypted: commit it as '{cipher}...' (./platform encrypt), the config server decrypts it. */
	private String encryptedMessage = "no encrypted-message is configured";

	public String getMessage() {
		return message;
	}

	public void setMessage(String message) {
		this.message = message;
	}

	public String getEncryptedMessage() {
		return encryptedMessage;
	}

	public void setEncryptedMessage(String encryptedMessage) {
		this.encryptedMessage = encryptedMessage;
	}

	/** Before a refresh binds it again: a setting removed from the repository takes its default (PropertyDefaults). */
	@Override
	public void destroy() {
		PropertyDefaults.restore(this);
	}

}
