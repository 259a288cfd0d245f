package io.github.cloudkit.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.rabbitmq.client.GetResponse;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.AmqpAuthenticationException;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The embedded broker, for real: what the Spring Cloud Stream Rabbit binder does on it, and who may log in. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"spring.rabbitmq.username=bus", "spring.rabbitmq.password=test-password" })
class MessageBrokerApplicationTests {

	private static final int AMQP_PORT = freePort();

	@DynamicPropertySource
	static void amqpPort(DynamicPropertyRegistry registry) {
		registry.add("spring.rabbitmq.port", () -> AMQP_PORT);
	}

	@Autowired
	TestRestTemplate http;

	@Test
	void isHealthyOnceAClientCanLogIn() {
		assertThat(http.getForObject("/actuator/health", String.class)).isEqualTo("{\"status\":\"UP\"}");
	}

	@Test
	void carriesATopicMessageToAQueueDeclaredWithTheRabbitBindersArguments() {
		CachingConnectionFactory connections = connections("test-password");
		try {
			// The binder's queues carry a RabbitMQ-only placement hint, which the broker must accept. It declares its
			// queue, binds it and consumes from it on one connection, as here; a message sent to the exchange arrives.
			RabbitTemplate template = new RabbitTemplate(connections);
			String received = template.execute(channel -> {
				channel.exchangeDeclare("springCloudBus", "topic");
				String queue = channel.queueDeclare("", false, true, true, Map.of("x-queue-master-locator", "client-local")).getQueue();
				channel.queueBind(queue, "springCloudBus", "#");
				channel.basicPublish("springCloudBus", "springCloudBus", null, "refresh".getBytes(StandardCharsets.UTF_8));
				for (int i = 0; i < 50; i++) {
					GetResponse message = channel.basicGet(queue, true);
					if (message != null) {
						return new String(message.getBody(), StandardCharsets.UTF_8);
					}
					Thread.sleep(100);
				}
				return null;
			});
			assertThat(received).isEqualTo("refresh");
		}
		finally {
			connections.destroy();
		}
	}

	@Test
	void refusesAWrongPassword() {
		CachingConnectionFactory connections = connections("wrong-password");
		try {
			assertThatThrownBy(connections::createConnection).isInstanceOf(AmqpAuthenticationException.class);
		}
		finally {
			connections.destroy();
		}
	}

	private static CachingConnectionFactory connections(String password) {
		CachingConnectionFactory connections = new CachingConnectionFactory("127.0.0.1", AMQP_PORT);
		connections.setUsername("bus");
		connections.setPassword(password);
		return connections;
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
