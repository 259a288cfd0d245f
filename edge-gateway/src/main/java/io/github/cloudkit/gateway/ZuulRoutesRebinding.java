package io.github.cloudkit.gateway;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.cloud.netflix.zuul.filters.ZuulProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * After a refresh Spring Cloud rebinds {@code zuul.*} and Zuul re-reads its routes, but binding merges into the
 * existing map of routes: a route deleted or renamed in the config repo would live on. Emptying the map just
 * before the rebinding (this listener runs first) makes the routes exactly those in the config. Requests are
 * not affected meanwhile: Zuul matches against its own copy, rebuilt only after the rebinding.
 */
@Component
public class ZuulRoutesRebinding implements ApplicationListener<EnvironmentChangeEvent>, Ordered {

	private static final Logger log = LoggerFactory.getLogger(ZuulRoutesRebinding.class);

	private final ZuulProperties zuul;

	public ZuulRoutesRebinding(ZuulProperties zuul) {
		this.zuul = zuul;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public void onApplicationEvent(EnvironmentChangeEvent event) {
		if (event.getKeys().stream().anyMatch(key -> key.startsWith("zuul.routes."))) {
			log.info("Routes changed in the configuration; rebinding them from scratch");
			zuul.getRoutes().clear();
		}
	}
}
