package io.github.cloudkit.gateway.ribbon;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;

import com.netflix.client.config.DefaultClientConfigImpl;
import com.netflix.loadbalancer.BaseLoadBalancer;

import org.apache.http.HttpHost;
import org.apache.http.NoHttpResponseException;
import org.apache.http.conn.ConnectTimeoutException;
import org.apache.http.conn.HttpHostConnectException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.cloud.client.loadbalancer.LoadBalancedRetryContext;
import org.springframework.cloud.netflix.ribbon.RibbonLoadBalancerContext;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.client.MockClientHttpRequest;

class IdempotentRetryPolicyTests {

	private final DefaultClientConfigImpl config = DefaultClientConfigImpl.getClientConfigWithDefaultValues("retry-test");

	private final IdempotentRetryPolicy policy = new IdempotentRetryPolicy("retry-test",
			new RibbonLoadBalancerContext(new BaseLoadBalancer(), config), serviceId -> null, config);

	@ParameterizedTest
	@EnumSource(value = HttpMethod.class, names = { "GET", "HEAD", "OPTIONS" })
	void idempotentMethodsAreRetriedEvenAfterTheyReachedAServer(HttpMethod method) {
		assertThat(policy.canRetry(failed(method, new SocketTimeoutException("Read timed out")))).isTrue();
	}

	@ParameterizedTest
	@EnumSource(value = HttpMethod.class, names = { "POST", "PUT", "PATCH", "DELETE" })
	void otherMethodsAreNotRetriedOnceTheyMayHaveReachedAServer(HttpMethod method) {
		assertThat(policy.canRetry(failed(method, new SocketTimeoutException("Read timed out")))).isFalse();
		assertThat(policy.canRetry(failed(method, new NoHttpResponseException("server closed")))).isFalse();
	}

	@ParameterizedTest
	@EnumSource(value = HttpMethod.class, names = { "POST", "PUT", "PATCH", "DELETE" })
	void otherMethodsAreRetriedWhenTheyProvablyNeverReachedAServer(HttpMethod method) {
		HttpHost host = new HttpHost("127.0.0.1", 1);
		assertThat(policy.canRetry(failed(method, new HttpHostConnectException(new ConnectException("refused"), host))))
				.isTrue();
		assertThat(policy.canRetry(failed(method, new ConnectTimeoutException("connect timed out")))).isTrue();
	}

	@Test
	void findsTheCauseWhenItIsWrapped() {
		assertThat(IdempotentRetryPolicy.neverReachedServer(new RuntimeException(new ConnectException()))).isTrue();
		assertThat(IdempotentRetryPolicy.neverReachedServer(new RuntimeException("other"))).isFalse();
		assertThat(IdempotentRetryPolicy.neverReachedServer(null)).isFalse();
	}

	private static LoadBalancedRetryContext failed(HttpMethod method, Throwable failure) {
		LoadBalancedRetryContext context = new LoadBalancedRetryContext(null,
				new MockClientHttpRequest(method, URI.create("http://retry-test/x")));
		context.registerThrowable(failure);
		return context;
	}
}
