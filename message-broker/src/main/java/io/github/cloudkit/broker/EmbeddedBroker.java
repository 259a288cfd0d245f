package io.github.cloudkit.broker;

import java.util.HashMap;
import java.util.Map;

import org.apache.qpid.server.SystemLauncher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.amqp.RabbitProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Apache Qpid Broker-J, in memory, on 127.0.0.1. It listens where Spring Boot's own {@code spring.rabbitmq.*}
 * settings tell a client to connect (port, user and password; the launcher sets them for every service alike), so
 * the broker and its clients cannot disagree. Started before the web server, so that the health check, which logs in
 * over AMQP, is the first client.
 */
@Component
class EmbeddedBroker implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);

	private final RabbitProperties rabbit;

	private SystemLauncher launcher;

	EmbeddedBroker(RabbitProperties rabbit) {
		this.rabbit = rabbit;
	}

	@Override
	public void start() {
		if (!StringUtils.hasText(rabbit.getUsername()) || !StringUtils.hasText(rabbit.getPassword())) {
			throw new IllegalStateException("The broker needs a user and a password: set SPRING_RABBITMQ_USERNAME and SPRING_RABBITMQ_PASSWORD");
		}
		Map<String, String> context = new HashMap<>();
		context.put("kit.broker.port", Integer.toString(rabbit.determinePort()));
		context.put("kit.broker.username", rabbit.getUsername());
		context.put("kit.broker.password", rabbit.getPassword());
		// The Rabbit binder declares its anonymous queues with a RabbitMQ placement hint (x-queue-master-locator), which
		// means nothing on one node; Qpid refuses unknown queue arguments unless told to ignore them.
		context.put("queue.behaviourOnUnknownDeclareArgument", "IGNORE");
		Map<String, Object> attributes = new HashMap<>();
		attributes.put("type", "Memory");
		attributes.put("initialConfigurationLocation", getClass().getResource("/broker-configuration.json").toExternalForm());
		attributes.put("startupLoggedToSystemOut", false);
		attributes.put("context", context);
		SystemLauncher started = new SystemLauncher();
		try {
			started.startup(attributes);
		}
		catch (Exception e) {
			throw new IllegalStateException("The broker did not start on port " + rabbit.determinePort() + ": " + e.getMessage(), e);
		}
		launcher = started;
		log.info("AMQP broker listening on 127.0.0.1:{} (user {})", rabbit.determinePort(), rabbit.getUsername());
	}

	@Override
	public void stop() {
		if (launcher != null) {
			launcher.shutdown();
			launcher = null;
		}
	}

	@Override
	public boolean isRunning() {
		return launcher != null;
	}

	/** Before the web server (which starts in the phase just below Integer.MAX_VALUE) and stopped after it. */
	@Override
	public int getPhase() {
		return 0;
	}
}
