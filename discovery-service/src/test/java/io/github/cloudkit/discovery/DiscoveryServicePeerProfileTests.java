package io.github.cloudkit.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.netflix.discovery.EurekaClientConfig;
import com.netflix.eureka.cluster.PeerEurekaNode;
import com.netflix.eureka.EurekaServerConfig;
import com.netflix.eureka.cluster.PeerEurekaNodes;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The registry as one of two peers (discovery-service-peer.yml): given the list of every peer, as every client is, it
 * replicates to the others and leaves out its own entry. The peers' ports answer nothing here: only the wiring is checked.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"spring.cloud.config.enabled=false", "spring.cloud.bus.enabled=false", "spring.profiles.active=peer",
		"EUREKA_USER=registry", "EUREKA_PASSWORD=test-password",
		"EUREKA_URI=http://registry:test-password@localhost:1/eureka/,http://registry:test-password@localhost:2/eureka/",
		"EUREKA_MY_URL=http://registry:test-password@localhost:2/eureka/",
		"spring.config.additional-location=file:../config-repo/application.yml,file:../config-repo/discovery-service.yml,"
				+ "file:../config-repo/discovery-service-peer.yml" })
class DiscoveryServicePeerProfileTests {

	@Autowired
	PeerEurekaNodes peers;

	@Autowired
	EurekaClientConfig clientConfig;

	@Autowired
	EurekaServerConfig serverConfig;

	@Test
	void replicatesToEveryOtherPeerButNotToItself() {
		assertThat(peers.getPeerEurekaNodes()).extracting(PeerEurekaNode::getServiceUrl)
				.containsExactly("http://registry:test-password@localhost:1/eureka/");
	}

	@Test
	void registersWithThePeersAndCopiesTheirRegistry() {
		assertThat(clientConfig.shouldRegisterWithEureka()).isTrue();
		assertThat(clientConfig.shouldFetchRegistry()).isTrue();
	}

	@Test
	void copiesThePeersRegistryOnceAtStartInsteadOfServingAPartialOneForMinutes() {
		// Spring Cloud's default for a registry that registers: 5 tries, 30 s apart, reads served meanwhile.
		assertThat(serverConfig.getRegistrySyncRetries()).isEqualTo(1);
	}

}
