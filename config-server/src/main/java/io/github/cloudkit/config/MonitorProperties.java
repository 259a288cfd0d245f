package io.github.cloudkit.config;

import java.time.Duration;

import javax.validation.constraints.Max;
import javax.validation.constraints.Min;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** How the config server learns of new commits and tells the services: its own repository watch and webhooks. */
@ConfigurationProperties("kit.monitor")
@Validated
public class MonitorProperties {

	/**
	 * Watch a repository on this machine (the kit's own checkout, a path or file: URI) for new commits on the served
	 * label, and publish the refresh of the applications whose files they changed, as a webhook would.
	 */
	private boolean watch = true;

	/** How often the watched repository's label is read. */
	@DurationMin(millis = 100)
	@DurationMax(minutes = 10)
	private Duration watchInterval = Duration.ofSeconds(1);

	/**
	 * The shared secret of push webhooks: GitHub's (and Gitea's) X-Hub-Signature-256 HMAC of the body, or GitLab's
	 * X-Gitlab-Token. Without one, /monitor takes only the config server's credentials.
	 */
	private String webhookSecret = "";

	/** The largest webhook body read; a push payload is a few KB. */
	@Min(1024)
	@Max(64 * 1024 * 1024)
	private int maxPayloadBytes = 1024 * 1024;

	public boolean isWatch() {
		return watch;
	}

	public void setWatch(boolean watch) {
		this.watch = watch;
	}

	public Duration getWatchInterval() {
		return watchInterval;
	}

	public void setWatchInterval(Duration watchInterval) {
		this.watchInterval = watchInterval;
	}

	public String getWebhookSecret() {
		return webhookSecret;
	}

	public void setWebhookSecret(String webhookSecret) {
		this.webhookSecret = webhookSecret;
	}

	public int getMaxPayloadBytes() {
		return maxPayloadBytes;
	}

	public void setMaxPayloadBytes(int maxPayloadBytes) {
		this.maxPayloadBytes = maxPayloadBytes;
	}

}
