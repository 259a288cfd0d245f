package io.github.cloudkit.bench.scg;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;

/**
 * Spring Cloud Gateway doing the edge gateway's job for the walkthrough's route, as its documentation shows a user:
 * {@code /hello/**} to {@code lb://sample-service} (Eureka, Spring Cloud LoadBalancer's round robin), the same
 * headers dropped, GETs retried on the next instances after a connection failure or timeout, all inside a circuit
 * breaker whose fallback is a JSON 503. The figures match the kit's: 500 ms to connect, 2 s to answer, two more
 * instances, 8 s in all (config-repo/edge-gateway.yml).
 */
@SpringBootApplication
public class ScgGatewayApplication {

	static final String ROUTE = "hello";

	public static void main(String[] args) {
		SpringApplication.run(ScgGatewayApplication.class, args);
	}

	@Bean
	RouteLocator routes(RouteLocatorBuilder builder) {
		return builder.routes()
				.route(ROUTE, route -> route.path("/hello/**")
						// The circuit breaker outermost: a header filter that ran after the fallback's answer was
						// committed would throw (read-only headers).
						.filters(filters -> filters
								.circuitBreaker(breaker -> breaker.setName(ROUTE).setFallbackUri("forward:/fallback/" + ROUTE))
								.stripPrefix(1)
								// The kit's sensitive headers: the backend takes no credentials and sets no cookies here.
								.removeRequestHeader("Cookie").removeRequestHeader("Authorization")
								.removeResponseHeader("Set-Cookie")
								// No retry on an answer, whatever its status: only on failures to get one, as Ribbon's.
								.retry(retry -> retry.setRetries(2).setMethods(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS)
										.setSeries().setExceptions(IOException.class, TimeoutException.class)))
						.uri("lb://sample-service"))
				.build();
	}

	/** Hystrix's figures: a window of 20 calls, open at half of them failed, 5 s before a trial call; 8 s at most. */
	@Bean
	Customizer<ReactiveResilience4JCircuitBreakerFactory> circuitBreakerDefaults() {
		return factory -> factory.configureDefault(id -> new Resilience4JConfigBuilder(id)
				.circuitBreakerConfig(CircuitBreakerConfig.custom().slidingWindowSize(20).minimumNumberOfCalls(20)
						.failureRateThreshold(50).waitDurationInOpenState(Duration.ofSeconds(5)).build())
				.timeLimiterConfig(TimeLimiterConfig.custom().timeoutDuration(Duration.ofSeconds(8)).build()).build());
	}

}
