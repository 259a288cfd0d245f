package io.github.cloudkit.admin;

import java.util.LinkedHashMap;

import io.github.cloudkit.security.JsonAuthenticationEntryPoint;
import io.github.cloudkit.security.ServiceSecurityCustomizer;

import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.accept.HeaderContentNegotiationStrategy;

/**
 * The kit's one security policy (service-support), with what a console for people needs on top: a login page
 * (Spring Boot Admin's) instead of a Basic prompt, a session after it, and CSRF protection for that session.
 * The user is the management user, whose credentials every actuator the console reads already takes: logging
 * in here grants nothing the credentials did not. Machine clients (Prometheus, scripts) keep using Basic.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleSecurity {

	static final String LOGIN_PAGE = "/login";

	@Bean
	ServiceSecurityCustomizer consoleLogin() {
		return http -> {
			http.sessionManagement().sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED);
			// The console's scripts send the token back from this cookie (X-XSRF-TOKEN); Basic clients of the
			// actuator endpoints carry no session a forged request could ride on.
			http.csrf().csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
					.ignoringRequestMatchers(EndpointRequest.toAnyEndpoint());
			http.formLogin().loginPage(LOGIN_PAGE).defaultSuccessUrl("/").permitAll();
			http.logout().logoutUrl("/logout").logoutSuccessUrl(LOGIN_PAGE + "?logout").permitAll();
			http.authorizeRequests().antMatchers("/assets/**").permitAll();
			http.exceptionHandling().authenticationEntryPoint(pagesToLoginOthersJson());
		};
	}

	/** A browser asking for a page goes to the login page; an API call gets the kit's short JSON 401. */
	private static AuthenticationEntryPoint pagesToLoginOthersJson() {
		MediaTypeRequestMatcher pages = new MediaTypeRequestMatcher(new HeaderContentNegotiationStrategy(),
				MediaType.TEXT_HTML);
		pages.setIgnoredMediaTypes(java.util.Set.of(MediaType.ALL));
		LinkedHashMap<RequestMatcher, AuthenticationEntryPoint> entryPoints = new LinkedHashMap<>();
		entryPoints.put(pages, new LoginUrlAuthenticationEntryPoint(LOGIN_PAGE));
		DelegatingAuthenticationEntryPoint entryPoint = new DelegatingAuthenticationEntryPoint(entryPoints);
		entryPoint.setDefaultEntryPoint(new JsonAuthenticationEntryPoint());
		return entryPoint;
	}

	/** After Spring Security: only a logged-in operator reaches the dashboard's stream. */
	@Bean
	FilterRegistrationBean<DashboardStreamFilter> dashboardStreamFilter() {
		FilterRegistrationBean<DashboardStreamFilter> registration = new FilterRegistrationBean<>(
				new DashboardStreamFilter());
		registration.addUrlPatterns(DashboardStreamFilter.PROXY_PATH);
		registration.setOrder(0);
		return registration;
	}

}
