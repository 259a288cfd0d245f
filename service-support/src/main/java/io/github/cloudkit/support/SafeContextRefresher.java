package io.github.cloudkit.support;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.cloud.context.refresh.ContextRefresher;
import org.springframework.cloud.context.scope.refresh.RefreshScope;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * A refresh that applies a new configuration whole or not at all. Spring Cloud's refresh first replaces the
 * environment's property sources, then rebinds every {@code @ConfigurationProperties} bean: a committed value that
 * fails a bean's validation (a required property left empty) fails the rebind with the new values already in the
 * environment and the bean half bound. Here such a refresh, or one whose configuration cannot be read at all
 * (invalid YAML: the config server answers an error), puts the property sources back, binds the old values again
 * and says so in one log line; the service goes on serving what it served before. Every refresh goes through it:
 * a bus event and a reconnect to the broker ({@link #refresh()}: nothing changed), {@code POST /actuator/refresh}
 * ({@link #apply()}: the caller is told, 409). Counted in {@code kit.config.refreshes{outcome=applied|rejected}}.
 */
public class SafeContextRefresher extends ContextRefresher {

	private static final Logger log = LoggerFactory.getLogger(SafeContextRefresher.class);

	static final String REFRESHES = "kit.config.refreshes";

	private final ConfigurableApplicationContext context;

	private final RefreshScope scope;

	private final Counter applied;

	private final Counter rejected;

	public SafeContextRefresher(ConfigurableApplicationContext context, RefreshScope scope, MeterRegistry registry) {
		super(context, scope);
		this.context = context;
		this.scope = scope;
		MeterRegistry meters = registry != null ? registry : Metrics.globalRegistry;
		this.applied = refreshes(meters, "applied");
		this.rejected = refreshes(meters, "rejected");
	}

	private static Counter refreshes(MeterRegistry meters, String outcome) {
		return Counter.builder(REFRESHES).tag("outcome", outcome)
				.description("Configuration refreshes, applied or rejected (the old configuration kept)").register(meters);
	}

	/** The changed keys; none when the refresh was rejected (logged and counted). */
	@Override
	public Set<String> refresh() {
		try {
			return apply();
		}
		catch (RefreshRejectedException rejected) {
			return Collections.emptySet();
		}
	}

	/** The changed keys, or {@link RefreshRejectedException} when the refresh was rejected and the old values kept. */
	public synchronized Set<String> apply() {
		MutablePropertySources sources = context.getEnvironment().getPropertySources();
		List<PropertySource<?>> before = new ArrayList<>();
		sources.forEach(before::add);
		try {
			Set<String> keys = super.refresh();
			applied.increment();
			return keys;
		}
		catch (RuntimeException failure) {
			restore(sources, before);
			// Binds every properties bean to the old values again and rebuilds the refresh-scoped beans with them.
			context.publishEvent(new EnvironmentChangeEvent(context, Collections.emptySet()));
			scope.refreshAll();
			rejected.increment();
			String reason = describe(failure);
			log.error("Refresh rejected, the configuration stays as it was: {}", reason);
			throw new RefreshRejectedException(reason);
		}
	}

	/** A refresh that was not applied: answered 409 by {@code POST /actuator/refresh}, with the reason in the log. */
	@ResponseStatus(value = HttpStatus.CONFLICT, reason = "the new configuration was rejected; the current one stays (see the log)")
	public static class RefreshRejectedException extends IllegalStateException {

		RefreshRejectedException(String reason) {
			super(reason);
		}

	}

	private static void restore(MutablePropertySources sources, List<PropertySource<?>> before) {
		List<String> names = new ArrayList<>();
		sources.forEach(source -> names.add(source.getName()));
		names.forEach(sources::remove);
		before.forEach(sources::addLast);
	}

	/** The failure and, when it differs, its root cause: enough to find the property without a stack trace. */
	static String describe(Throwable failure) {
		Throwable root = NestedExceptionUtils.getMostSpecificCause(failure);
		String message = String.valueOf(failure.getMessage());
		return root == failure ? message : message + " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
	}

}
