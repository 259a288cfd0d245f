package io.github.cloudkit.api;

import javax.servlet.http.HttpServletRequest;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfigureBefore;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.filter.ForwardedHeaderFilter;
import org.springframework.web.filter.ShallowEtagHeaderFilter;

/**
 * The HTTP API policy of every service built from the template, in one place: how its API looks from outside (URLs as
 * the client sees them, ETags, its OpenAPI document), every error as the kit's error body ({@link ApiErrors},
 * {@link ServiceErrorController}), and the fault injection of {@code kit.chaos.*}. A service depending on this library
 * keeps only its own resources. Before Spring Boot's error configuration, whose error controller gives way to this one.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = Type.SERVLET)
@AutoConfigureBefore(ErrorMvcAutoConfiguration.class)
// Binding for chaosProperties(), declared below rather than listed here (see there).
@EnableConfigurationProperties
public class ApiAutoConfiguration {

	/**
	 * Behind the gateway a request arrives as {@code http://127.0.0.1:<port>/items} with X-Forwarded-Host, -Proto,
	 * -Port and -Prefix; this filter makes it look as the client sent it ({@code http://localhost:8080/hello/items}),
	 * so every URL the service writes (a Location header, the OpenAPI document's server, which Swagger UI's "Try it
	 * out" calls) leads through the gateway. What {@code server.forward-headers-strategy: framework} would register,
	 * here as the kit's default. The service listens on loopback and is reached through the gateway; a client that
	 * sends such headers itself changes only the URLs of its own answers.
	 */
	@Bean
	public FilterRegistrationBean<ForwardedHeaderFilter> forwardedHeaderFilter() {
		FilterRegistrationBean<ForwardedHeaderFilter> registration = new FilterRegistrationBean<>(new ForwardedHeaderFilter());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	/**
	 * An ETag on every successful GET answer (a hash of its body) and 304 Not Modified, with no body, to a request
	 * whose If-None-Match matches. Shallow: the answer is still computed, what it saves is the bytes to the client;
	 * in return it is right by construction for every resource, since any change of a body changes its ETag (an
	 * added item changes the list's). Instances answering the same body answer the same ETag, so it holds across the
	 * gateway's round robin. A resource that is expensive to compute would set its own ETag from a version instead.
	 * Not on the actuator: a Prometheus scrape would be buffered and hashed for nothing.
	 */
	@Bean
	public FilterRegistrationBean<ShallowEtagHeaderFilter> etagFilter() {
		return new FilterRegistrationBean<>(new ShallowEtagHeaderFilter() {
			@Override
			protected boolean shouldNotFilter(HttpServletRequest request) {
				return request.getRequestURI().startsWith("/actuator");
			}
		});
	}

	/**
	 * The document's title is the service's name, its version the build's (springdoc serves it at /v3/api-docs). A
	 * service that describes itself further defines its own.
	 */
	@Bean
	@ConditionalOnMissingBean
	public OpenAPI apiDocument(@Value("${spring.application.name}") String name, ObjectProvider<BuildProperties> build) {
		BuildProperties properties = build.getIfAvailable();
		return new OpenAPI().info(new Info().title(name).version(properties != null ? properties.getVersion() : "dev"));
	}

	@Bean
	public ApiErrors apiErrors() {
		return new ApiErrors();
	}

	@Bean
	@ConditionalOnMissingBean(ErrorController.class)
	public ServiceErrorController serviceErrorController(@Value("${server.error.path:${error.path:/error}}") String errorPath) {
		return new ServiceErrorController(errorPath);
	}

	/**
	 * {@code @Validated} here rather than on the class, which Spring Boot's method validation would wrap in a proxy
	 * checking every getter call, on every request.
	 */
	@Bean
	@Validated
	public ChaosProperties chaosProperties() {
		return new ChaosProperties();
	}

	@Bean
	public ChaosLatencyFilter chaosLatencyFilter(ChaosProperties chaos) {
		return new ChaosLatencyFilter(chaos);
	}

}
