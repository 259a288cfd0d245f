package io.github.cloudkit.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Real HTTP backends for the gateway's tests, started once per JVM on free loopback ports (Archaius, which
 * Ribbon reads its server lists from, only ever sees the first Spring context's environment, so every test
 * context must name the same servers).
 * <p>
 * Backends "A" and "B" answer every path with {@code BACKEND <name> <method> <path>}, so a backend's answer is
 * recognizable wherever it leaks, plus {@code X-Backend: <name>}, a fake {@code X-Served-By} and an ETag of the path
 * (the same at both, as instances of one service serving the same resource), with 304 to a matching
 * {@code If-None-Match}. Paths starting
 * with {@code /block} wait for {@link #releaseBlocked()}; paths starting with {@code /slow} answer after 3 s,
 * past the gateway's read timeout. Two more ports are free and closed: connecting to them is refused.
 */
public final class Backends {

	public static final long SLOW_MILLIS = 3000;

	private static Backends instance;

	public final Backend a;

	public final Backend b;

	public final int deadPort1;

	public final int deadPort2;

	private volatile CountDownLatch blocked = new CountDownLatch(1);

	private Backends() {
		a = new Backend("A");
		b = new Backend("B");
		deadPort1 = closedPort();
		deadPort2 = closedPort();
	}

	public static synchronized Backends get() {
		if (instance == null) {
			instance = new Backends();
		}
		return instance;
	}

	public String sampleServers() {
		return a.address() + "," + b.address();
	}

	public String dead(int port) {
		return "127.0.0.1:" + port;
	}

	/** Lets every request waiting on a {@code /block} path answer, and arms a new latch for the next test. */
	public void releaseBlocked() {
		CountDownLatch current = blocked;
		blocked = new CountDownLatch(1);
		current.countDown();
	}

	/** Requests both backends received with this method and path. */
	public List<Recorded> received(String method, String path) {
		return java.util.stream.Stream.of(a, b).flatMap(backend -> backend.requests.stream())
				.filter(r -> r.method.equals(method) && r.path.equals(path)).collect(Collectors.toList());
	}

	/** "METHOD path" of every request whose headers reached a backend, recorded before its body is read. */
	public List<String> arrived() {
		return java.util.stream.Stream.of(a, b).flatMap(backend -> backend.arrivals.stream()).collect(Collectors.toList());
	}

	public List<Recorded> all() {
		return java.util.stream.Stream.of(a, b).flatMap(backend -> backend.requests.stream())
				.collect(Collectors.toList());
	}

	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** What a backend saw. */
	public static final class Recorded {

		public final String backend;

		public final String method;

		public final String path;

		public final Map<String, List<String>> headers;

		public final String body;

		Recorded(String backend, String method, String path, Headers headers, String body) {
			this.backend = backend;
			this.method = method;
			this.path = path;
			this.headers = headers.entrySet().stream()
					.collect(Collectors.toMap(e -> e.getKey().toLowerCase(), Map.Entry::getValue, (x, y) -> x));
			this.body = body;
		}

		public String header(String name) {
			List<String> values = headers.get(name.toLowerCase());
			return values == null || values.isEmpty() ? null : values.get(0);
		}
	}

	public final class Backend {

		public final String name;

		public final List<Recorded> requests = new CopyOnWriteArrayList<>();

		final List<String> arrivals = new CopyOnWriteArrayList<>();

		private final HttpServer server;

		Backend(String name) {
			this.name = name;
			try {
				server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
			ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
				Thread thread = new Thread(runnable, "backend-" + name);
				thread.setDaemon(true);
				return thread;
			});
			server.setExecutor(threads);
			server.createContext("/", this::handle);
			server.start();
		}

		public int port() {
			return server.getAddress().getPort();
		}

		public String address() {
			return "127.0.0.1:" + port();
		}

		private void handle(HttpExchange exchange) throws IOException {
			HttpExchange ex = exchange;
			try {
				String path = ex.getRequestURI().getRawPath();
				arrivals.add(ex.getRequestMethod() + " " + path);
				String body = read(ex.getRequestBody());
				requests.add(new Recorded(name, ex.getRequestMethod(), path, ex.getRequestHeaders(), body));
				if (path.startsWith("/block")) {
					awaitQuietly(blocked, 10_000);
				}
				else if (path.startsWith("/slow")) {
					sleepQuietly(SLOW_MILLIS);
				}
				byte[] answer = ("BACKEND " + name + " " + ex.getRequestMethod() + " " + path)
						.getBytes(StandardCharsets.UTF_8);
				ex.getResponseHeaders().add("Content-Type", "text/plain");
				ex.getResponseHeaders().add("X-Backend", name);
				ex.getResponseHeaders().add("X-Served-By", "a-backend-must-not-choose-this");
				String etag = "\"" + Integer.toHexString(path.hashCode()) + "\"";
				ex.getResponseHeaders().add("ETag", etag);
				if (etag.equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
					ex.sendResponseHeaders(304, -1);
					return;
				}
				if ("HEAD".equals(ex.getRequestMethod())) {
					ex.sendResponseHeaders(200, -1);
					return;
				}
				ex.sendResponseHeaders(200, answer.length);
				try (OutputStream out = ex.getResponseBody()) {
					out.write(answer);
				}
			}
			catch (IOException e) {
				// The gateway gave up on this request (read timeout): nothing to answer.
			}
			finally {
				ex.close();
			}
		}
	}

	private static String read(InputStream in) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		in.transferTo(bytes);
		return bytes.toString(StandardCharsets.UTF_8);
	}

	private static void awaitQuietly(CountDownLatch latch, long millis) {
		try {
			latch.await(millis, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	private static void sleepQuietly(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}
}
