package io.github.cloudkit.gateway.ribbon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.netflix.appinfo.InstanceInfo;
import com.netflix.client.config.DefaultClientConfigImpl;
import com.netflix.loadbalancer.BaseLoadBalancer;
import com.netflix.loadbalancer.Server;
import com.netflix.niws.loadbalancer.DiscoveryEnabledServer;

import io.github.cloudkit.gateway.GatewayProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.netflix.ribbon.DefaultServerIntrospector;
import org.springframework.cloud.netflix.ribbon.eureka.EurekaServerIntrospector;

/** The canary rule over a real Ribbon load balancer holding servers that exist only here. */
class CanaryAwareRuleTests {

	private final GatewayProperties.Canary settings = new GatewayProperties.Canary();

	private final Server stable1 = new Server("127.0.0.1", 9001);

	private final Server stable2 = new Server("127.0.0.1", 9002);

	private final Server canary = new Server("127.0.0.1", 9003);

	private final Set<Server> canaries = new java.util.HashSet<>(Collections.singleton(canary));

	private BaseLoadBalancer loadBalancer;

	@BeforeEach
	void setUp() {
		loadBalancer = loadBalancerWith(new MetadataIntrospector(
				server -> canaries.contains(server) ? Map.of("version", "canary") : Map.of("version", "1.0")),
				stable1, stable2, canary);
	}

	@Test
	void withShareZeroCanariesGetNothing() {
		settings.setShare(0.0);

		Map<Server, Long> picks = pick(1000);

		assertThat(picks).doesNotContainKey(canary);
		assertThat(picks.get(stable1)).isEqualTo(500);
		assertThat(picks.get(stable2)).isEqualTo(500);
	}

	@Test
	void aShareOfTenPercentSendsTenPercentToTheCanary() {
		settings.setShare(0.1);

		Map<Server, Long> picks = pick(1000);

		assertThat(picks.get(canary)).isBetween(90L, 110L);
		assertThat(picks.get(stable1) + picks.get(stable2)).isEqualTo(1000 - picks.get(canary));
		assertThat(Math.abs(picks.get(stable1) - picks.get(stable2))).isLessThanOrEqualTo(1);
	}

	@Test
	void aChangedShareAppliesToTheNextPicks() {
		settings.setShare(0.1);
		assertThat(pick(1000).get(canary)).isBetween(90L, 110L);

		settings.setShare(0.5);
		assertThat(pick(1000).get(canary)).isBetween(480L, 520L);

		settings.setShare(0.0);
		assertThat(pick(1000)).doesNotContainKey(canary);
	}

	@Test
	void theCanaryTurnsAreSpreadEvenlyNotBunched() {
		settings.setShare(0.1);
		List<Server> sequence = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			sequence.add(rule().choose(null));
		}

		for (int window = 0; window < 100; window += 10) {
			assertThat(sequence.subList(window, window + 10)).containsOnlyOnce(canary);
		}
	}

	@Test
	void withoutCanariesItIsPlainRoundRobin() {
		canaries.clear();
		settings.setShare(0.1);

		List<Server> sequence = new ArrayList<>();
		for (int i = 0; i < 9; i++) {
			sequence.add(rule().choose(null));
		}

		assertThat(sequence).containsExactly(stable1, stable2, canary, stable1, stable2, canary, stable1, stable2,
				canary);
	}

	@Test
	void whenOnlyCanariesAreLeftTheyGetEverythingUnlessTheShareIsZero() {
		loadBalancer = loadBalancerWith(new MetadataIntrospector(server -> Map.of("version", "canary")), canary);

		settings.setShare(0.1);
		assertThat(pick(10)).containsOnlyKeys(canary);

		settings.setShare(0.0);
		assertThat(rule().choose(null)).isNull();
	}

	@Test
	void theMetadataKeyAndValueAreConfigurable() {
		settings.setShare(1.0);
		settings.setMetadataKey("track");
		settings.setMetadataValue("early");
		loadBalancer = loadBalancerWith(new MetadataIntrospector(
				server -> server == canary ? Map.of("track", "early") : Map.of("version", "canary")),
				stable1, canary);

		assertThat(pick(10)).containsOnlyKeys(canary);
	}

	@Test
	void skipsAnInstanceWhoseCircuitBreakerTripped() {
		canaries.clear();
		settings.setShare(0.0);
		for (int i = 0; i < 5; i++) {
			loadBalancer.getLoadBalancerStats().getSingleServerStat(stable1).incrementSuccessiveConnectionFailureCount();
		}
		assertThat(loadBalancer.getLoadBalancerStats().getSingleServerStat(stable1).isCircuitBreakerTripped()).isTrue();

		assertThat(pick(10)).doesNotContainKey(stable1);
	}

	@Test
	void readsTheVersionFromEurekaMetadata() {
		Map<String, String> canaryMetadata = new HashMap<>();
		canaryMetadata.put("version", "canary");
		DiscoveryEnabledServer eurekaStable = eurekaServer("sample-service:localhost:9101", 9101,
				Collections.emptyMap());
		DiscoveryEnabledServer eurekaCanary = eurekaServer("sample-service:localhost:9102", 9102, canaryMetadata);
		loadBalancer = loadBalancerWith(new EurekaServerIntrospector(), eurekaStable, eurekaCanary);
		settings.setShare(0.25);

		Map<Server, Long> picks = pick(400);

		assertThat(picks.get(eurekaCanary)).isEqualTo(100);
		assertThat(picks.get(eurekaStable)).isEqualTo(300);
	}

	private CanaryAwareRule rule() {
		return (CanaryAwareRule) loadBalancer.getRule();
	}

	private Map<Server, Long> pick(int times) {
		List<Server> chosen = new ArrayList<>(times);
		for (int i = 0; i < times; i++) {
			chosen.add(rule().choose(null));
		}
		return chosen.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
	}

	private BaseLoadBalancer loadBalancerWith(org.springframework.cloud.netflix.ribbon.ServerIntrospector introspector,
			Server... servers) {
		CanaryAwareRule rule = new CanaryAwareRule(() -> settings, introspector);
		rule.initWithNiwsConfig(DefaultClientConfigImpl.getClientConfigWithDefaultValues("canary-test"));
		BaseLoadBalancer balancer = new BaseLoadBalancer("canary-test", rule,
				new com.netflix.loadbalancer.LoadBalancerStats("canary-test"));
		balancer.addServers(Arrays.asList(servers));
		return balancer;
	}

	private static DiscoveryEnabledServer eurekaServer(String id, int port, Map<String, String> metadata) {
		InstanceInfo info = InstanceInfo.Builder.newBuilder()
				.setAppName("sample-service")
				.setInstanceId(id)
				.setHostName("localhost")
				.setIPAddr("127.0.0.1")
				.setPort(port)
				.setMetadata(metadata)
				.build();
		return new DiscoveryEnabledServer(info, false);
	}

	/** Metadata from a function, for servers that are not in Eureka. */
	private static final class MetadataIntrospector extends DefaultServerIntrospector {

		private final Function<Server, Map<String, String>> metadata;

		MetadataIntrospector(Function<Server, Map<String, String>> metadata) {
			this.metadata = metadata;
		}

		@Override
		public Map<String, String> getMetadata(Server server) {
			return metadata.apply(server);
		}
	}
}
