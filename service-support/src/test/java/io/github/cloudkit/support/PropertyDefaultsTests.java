package io.github.cloudkit.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class PropertyDefaultsTests {

	@Test
	void everyPropertyAndEveryNestedGroupTakesItsDefaultAgainInPlace() {
		Settings settings = new Settings();
		Settings.Group group = settings.getGroup();
		settings.setLimit(7);
		settings.setWait(Duration.ofMinutes(3));
		group.setName("changed");

		PropertyDefaults.restore(settings);

		assertThat(settings.getLimit()).isEqualTo(100);
		assertThat(settings.getWait()).isEqualTo(Duration.ofSeconds(1));
		assertThat(settings.getGroup()).isSameAs(group);
		assertThat(group.getName()).isEqualTo("default");
	}

	public static class Settings {

		private int limit = 100;

		private Duration wait = Duration.ofSeconds(1);

		private final Group group = new Group();

		public int getLimit() {
			return limit;
		}

		public void setLimit(int limit) {
			this.limit = limit;
		}

		public Duration getWait() {
			return wait;
		}

		public void setWait(Duration wait) {
			this.wait = wait;
		}

		public Group getGroup() {
			return group;
		}

		public static class Group {

			private String name = "default";

			public String getName() {
				return name;
			}

			public void setName(String name) {
				this.name = name;
			}

		}

	}

}
