package io.github.cloudkit.api;

import java.time.Duration;

import javax.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMin;

import io.github.cloudkit.support.PropertyDefaults;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code kit.chaos.*}: faults a service injects on purpose (the sample service's profile {@code chaos}). Validated
 * where it is defined, {@link ApiAutoConfiguration#chaosProperties()}.
 */
@ConfigurationProperties("kit.chaos")
public class ChaosProperties implements DisposableBean {

	/** How much later every answer but the actuator's comes; 0: no delay. */
	@NotNull
	@DurationMin(millis = 0)
	private volatile Duration latency = Duration.ZERO;

	public Duration getLatency() {
		return latency;
	}

	public void setLatency(Duration latency) {
		this.latency = latency;
	}

	/** Called by Spring Cloud's rebinder just before it binds again: a latency no longer configured is 0 again. */
	@Override
	public void destroy() {
		PropertyDefaults.restore(this);
	}

}
