package io.github.cloudkit.admin;

import java.io.IOException;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import rx.subjects.PublishSubject;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.netflix.turbine.stream.TurbineController;
import org.springframework.cloud.netflix.turbine.stream.TurbineStreamProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Turbine's aggregate of every gateway instance's circuits, at {@value #PATH}.
 * <p>
 * The gateways publish their Hystrix metrics to the bus's broker (spring-cloud-netflix-hystrix-stream), and
 * Turbine's stream auto-configuration feeds what arrives into {@link #circuitMetrics()}. Over the broker rather
 * than Turbine polling each gateway's {@code /actuator/hystrix.stream}: that endpoint needs the management
 * credentials, which Turbine's HTTP client cannot send, and a new gateway instance is in the aggregate as soon
 * as it publishes, with no discovery round. Turbine's own controller would take this server's root path (the
 * console's), so its aggregation is served here under its usual name instead.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TurbineStreamProperties.class) // which @EnableTurbineStream would have enabled
@RestController
class CircuitStream {

	static final String PATH = "/turbine.stream";

	private static final Logger log = LoggerFactory.getLogger(CircuitStream.class);

	private final TurbineController aggregate;

	CircuitStream(PublishSubject<Map<String, Object>> circuitMetrics) {
		this.aggregate = new TurbineController(circuitMetrics);
	}

	/** What Turbine's broker listener (HystrixStreamAggregator) publishes each gateway's metrics to. */
	@Bean
	static PublishSubject<Map<String, Object>> circuitMetrics() {
		return PublishSubject.create();
	}

	@GetMapping(path = PATH, produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	Flux<String> stream() {
		return aggregate.stream();
	}

	/** A dashboard closed: its connection is gone, nothing to answer and nothing wrong. */
	@ExceptionHandler(IOException.class)
	void dashboardClosed(IOException closed) {
		log.debug("A circuit stream's client went away: {}", closed.getMessage());
	}

}
