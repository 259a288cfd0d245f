package io.github.cloudkit.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.validation.annotation.Validated;

@SpringBootApplication
public class SampleServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleServiceApplication.class, args);
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
}
