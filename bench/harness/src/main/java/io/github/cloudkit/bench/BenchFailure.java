package io.github.cloudkit.bench;

/** The run cannot go on: said as "FAILED: ...", everything started is stopped, the exit status is 1. */
final class BenchFailure extends RuntimeException {

	BenchFailure(String message) {
		super(message);
	}

	BenchFailure(String message, Throwable cause) {
		super(message, cause);
	}

}
