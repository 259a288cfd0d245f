package io.github.cloudkit.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.netflix.zuul.EnableZuulProxy;

/** The platform's single entry point: Zuul routes from the config repo to services found in Eureka. */
@SpringBootApplication
@EnableZuulProxy
public class EdgeGatewayApplication {

	public static void main(String[] args) {
		SpringApplication.run(EdgeGatewayApplication.class, args);
	}
}
