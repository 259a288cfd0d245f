package io.github.cloudkit.bench.scg;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/** Where the circuit breaker forwards a failed call: the same 503 shape as the kit gateway's route fallback. */
@RestController
class FallbackController {

	private static final Logger log = LoggerFactory.getLogger(FallbackController.class);

	@RequestMapping("/fallback/{route}")
	ResponseEntity<Map<String, Object>> fallback(@PathVariable String route, ServerWebExchange exchange) {
		Throwable cause = exchange.getAttribute(ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
		log.warn("Fallback for route {}: {}", route, cause == null ? "no cause" : cause.toString());
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("status", 503, "route", route, "message", "the service could not be reached"));
	}

}
