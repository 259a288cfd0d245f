package io.github.cloudkit.security;

import java.io.IOException;

import javax.servlet.DispatcherType;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import io.github.cloudkit.support.ErrorBody;
import org.apache.catalina.core.StandardHost;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.info.InfoEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigureBefore;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityConfigurerAdapter;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The security policy of every kit service, in one place: HTTP Basic with the service's one user
 * ({@code spring.security.user.*}, set from environment variables), no sessions, anonymous {@code health}
 * (status only) and {@code info}; every other actuator endpoint needs the credentials, and with
 * {@code kit.security.protect-everything} so does everything else. The user's credentials are checked by
 * {@link ServiceUserAuthenticationProvider}: microseconds per request, never BCrypt behind the configuration's back.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = Type.SERVLET)
@AutoConfigureBefore({ SecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class })
@EnableConfigurationProperties({ ServiceSecurityProperties.class, SecurityProperties.class })
public class ServiceSecurityAutoConfiguration {

	private static final Logger log = LoggerFactory.getLogger(ServiceSecurityAutoConfiguration.class);

	/**
	 * The service's one user, in place of Spring Boot's in-memory user store (which would re-encode a plain
	 * password with BCrypt at the first login). A service that brings its own user store keeps it.
	 */
	@Bean
	@ConditionalOnMissingBean({ AuthenticationProvider.class, UserDetailsService.class, AuthenticationManager.class })
	public ServiceUserAuthenticationProvider serviceUserAuthentication(SecurityProperties security,
			ObjectProvider<PasswordEncoder> encoder) {
		SecurityProperties.User user = security.getUser();
		if (user.isPasswordGenerated()) {
			log.warn("No password set for the user '{}' (spring.security.user.password): a random one locks "
					+ "every protected endpoint", user.getName());
		}
		ServiceUserAuthenticationProvider provider = new ServiceUserAuthenticationProvider(user,
				encoder.getIfAvailable(PasswordEncoderFactories::createDelegatingPasswordEncoder));
		if (provider.isEncoded()) {
			log.info("The password of '{}' is configured encoded: each new or wrong credential costs the "
					+ "encoder's check (BCrypt: tens of ms of CPU)", user.getName());
		}
		return provider;
	}

	/** Kept apart from the error answers below: a security configurer created early breaks Spring MVC's set-up. */
	@Configuration(proxyBeanMethods = false)
	static class BasicAuthentication extends WebSecurityConfigurerAdapter {

		private final ServiceSecurityProperties properties;

		private final ObjectProvider<ServiceSecurityCustomizer> customizers;

		BasicAuthentication(ServiceSecurityProperties properties, ObjectProvider<ServiceSecurityCustomizer> customizers) {
			this.properties = properties;
			this.customizers = customizers;
		}

		@Override
		protected void configure(HttpSecurity http) throws Exception {
			if (!properties.isProtectEverything()) {
				// Only the actuator endpoints are this chain's business: a client's Authorization header on any
				// other request is meant for the service (or, through the gateway, for a backend), not checked here.
				http.requestMatcher(EndpointRequest.toAnyEndpoint());
			}
			// Machine clients with Basic credentials and no cookies: nothing a cross-site request could ride on.
			http.csrf().disable();
			http.sessionManagement().sessionCreationPolicy(SessionCreationPolicy.STATELESS);
			JsonAuthenticationEntryPoint refusal = new JsonAuthenticationEntryPoint();
			http.httpBasic().authenticationEntryPoint(refusal);
			http.exceptionHandling().authenticationEntryPoint(refusal);
			http.authorizeRequests()
					.requestMatchers(EndpointRequest.to(HealthEndpoint.class, InfoEndpoint.class)).permitAll();
			// Before the last rule: a service's own rules (a login page anyone may open) must come first to count.
			for (ServiceSecurityCustomizer customizer : (Iterable<ServiceSecurityCustomizer>) customizers.orderedStream()::iterator) {
				customizer.customize(http);
			}
			http.authorizeRequests().anyRequest().authenticated();
		}


	}

	/** Rejected requests get a short JSON client error, whoever rejects them. */
	@Configuration(proxyBeanMethods = false)
	static class ErrorAnswers {

		/** Tomcat's own error answers as JSON (see {@link JsonErrorReportValve}). */
		@Bean
		public WebServerFactoryCustomizer<TomcatServletWebServerFactory> jsonErrorReports() {
			return factory -> factory.addContextCustomizers(context -> {
				if (context.getParent() instanceof StandardHost) {
					((StandardHost) context.getParent()).setErrorReportValveClass(JsonErrorReportValve.class.getName());
				}
			});
		}

		/**
		 * Spring Security 5.3's firewall rejects requests it finds dangerous (encoded slashes, "..", ";",
		 * backslashes) with an exception that would become a 500; they are the client's fault: answer 400.
		 */
		@Bean
		public FilterRegistrationBean<OncePerRequestFilter> rejectedRequestsAreBadRequests() {
			OncePerRequestFilter filter = new OncePerRequestFilter() {
				@Override
				protected boolean shouldNotFilterErrorDispatch() {
					return false;
				}

				@Override
				protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
						throws ServletException, IOException {
					try {
						chain.doFilter(request, response);
					}
					catch (RequestRejectedException ex) {
						log.info("Rejected {} {}: {}", request.getMethod(), request.getRequestURI(), ex.getMessage());
						ErrorBody.write(response, HttpServletResponse.SC_BAD_REQUEST, ErrorBody.REJECTED);
					}
				}
			};
			FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
			registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 1);
			// Also around error dispatches: Tomcat's 405 for TRACE is dispatched to /error, where the firewall
			// rejects the method a second time.
			registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.ASYNC);
			registration.setName("rejectedRequestsAreBadRequests");
			return registration;
		}

	}

}
