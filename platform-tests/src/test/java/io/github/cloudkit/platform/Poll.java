package io.github.cloudkit.platform;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls a value until it satisfies a condition; the assertion error names the condition and the last value. */
final class Poll {

	private Poll() {
	}

	static <T> T until(Duration timeout, Supplier<T> value, Predicate<T> condition, String description) {
		return until(timeout, Duration.ofMillis(250), value, condition, description);
	}

	static <T> T until(Duration timeout, Duration interval, Supplier<T> value, Predicate<T> condition, String description) {
		long deadline = System.nanoTime() + timeout.toNanos();
		T last = value.get();
		while (!condition.test(last)) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("not within " + timeout.toSeconds() + " s: " + description + "; last seen: " + last);
			}
			Kit.pause(interval);
			last = value.get();
		}
		return last;
	}

}
