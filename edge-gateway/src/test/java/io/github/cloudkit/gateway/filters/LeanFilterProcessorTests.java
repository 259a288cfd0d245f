package io.github.cloudkit.gateway.filters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;

import com.netflix.config.ConfigurationManager;
import com.netflix.zuul.FilterProcessor;
import com.netflix.zuul.ZuulFilter;
import com.netflix.zuul.exception.ZuulException;

import io.github.cloudkit.gateway.GatewayTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LeanFilterProcessorTests extends GatewayTestSupport {

	private static final String SWITCH = "zuul.ServedByHeaderFilter.post.disable";

	private static final String BACKENDS_OWN = "a-backend-must-not-choose-this";

	@AfterEach
	void enableEverythingAgain() {
		ConfigurationManager.getConfigInstance().clearProperty(SWITCH);
	}

	@Test
	void runsTheGatewaysFilters() {
		assertThat(FilterProcessor.getInstance()).isInstanceOf(LeanFilterProcessor.class);

		HttpResponse<String> response = get("/hello/served");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().allValues(ServedByHeaderFilter.HEADER))
				.containsAnyOf(backends.a.address(), backends.b.address()).doesNotContain(BACKENDS_OWN);
	}

	@Test
	void honoursZuulsSwitchThatTurnsAFilterOffWhileRunning() {
		ConfigurationManager.getConfigInstance().setProperty(SWITCH, "true");

		// Switched off, the filter no longer replaces the header the test backends send themselves.
		HttpResponse<String> off = get("/hello/served");
		assertThat(off.statusCode()).isEqualTo(200);
		assertThat(off.headers().allValues(ServedByHeaderFilter.HEADER)).containsExactly(BACKENDS_OWN);

		ConfigurationManager.getConfigInstance().setProperty(SWITCH, "false");

		assertThat(get("/hello/served").headers().allValues(ServedByHeaderFilter.HEADER))
				.containsAnyOf(backends.a.address(), backends.b.address()).doesNotContain(BACKENDS_OWN);
	}

	@Test
	void wrapsWhatAFilterThrowsAsZuulDoes() {
		LeanFilterProcessor processor = new LeanFilterProcessor();
		IllegalStateException failure = new IllegalStateException("broken");

		assertThatThrownBy(() -> processor.processZuulFilter(new Throwing(failure)))
				.isInstanceOfSatisfying(ZuulException.class, ex -> {
					assertThat(ex.nStatusCode).isEqualTo(500);
					assertThat(ex.errorCause).isEqualTo("pre:Throwing");
					assertThat(ex).hasCause(failure);
				});
		ZuulException own = new ZuulException("refused", 429, "limit");
		assertThatThrownBy(() -> processor.processZuulFilter(new Throwing(own))).isSameAs(own);
	}

	private static final class Throwing extends ZuulFilter {

		private final Throwable failure;

		Throwing(Throwable failure) {
			this.failure = failure;
		}

		@Override
		public String filterType() {
			return "pre";
		}

		@Override
		public int filterOrder() {
			return 0;
		}

		@Override
		public boolean shouldFilter() {
			return true;
		}

		@Override
		public Object run() throws ZuulException {
			if (failure instanceof ZuulException) {
				throw (ZuulException) failure;
			}
			throw (RuntimeException) failure;
		}
	}
}
