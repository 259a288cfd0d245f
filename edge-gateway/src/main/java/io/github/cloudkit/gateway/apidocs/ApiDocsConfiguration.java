package io.github.cloudkit.gateway.apidocs;

import org.springdoc.core.SwaggerUiConfigParameters;
import org.springdoc.core.SwaggerUiConfigProperties;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.cloud.netflix.zuul.filters.RouteLocator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/** The gateway's Swagger UI ({@code /swagger-ui.html}) lists the routed services' documents, not its own. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = { "springdoc.api-docs.enabled", "springdoc.swagger-ui.enabled" }, matchIfMissing = true)
public class ApiDocsConfiguration {

	/** springdoc's own bean of this type backs off; {@code @Lazy(false)} as springdoc declares its own. */
	@Bean
	@Lazy(false)
	public SwaggerUiConfigParameters swaggerUiConfigParameters(SwaggerUiConfigProperties properties, RouteLocator routes) {
		return new RoutedApiDocs(properties, routes);
	}

}
