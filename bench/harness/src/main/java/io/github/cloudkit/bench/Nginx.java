package io.github.cloudkit.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.cloudkit.testsupport.Http;
import io.github.cloudkit.testsupport.ProcessReadings;
import io.github.cloudkit.testsupport.Processes;

/** nginx as the reference reverse proxy: its own process and configuration in the work folder, loopback only. */
final class Nginx {

	private final String binary;
	private final Path directory;
	private final Path logs;
	private volatile long pid;

	Nginx(String binary, WorkFolder work) {
		this.binary = binary;
		this.directory = work.nginx;
		this.logs = work.logs;
	}

	/** A plain reverse proxy with a keep-alive upstream, the reference the gateway is held to. */
	static String configuration(Path directory, int listenPort, int upstreamPort) {
		return """
				# Written by bench/run: a plain reverse proxy with a keep-alive upstream, the reference the gateway is held to.
				daemon off;
				worker_processes auto;
				pid DIR/nginx.pid;
				error_log DIR/logs/error.log warn;
				events {
				    worker_connections 1024;
				}
				http {
				    access_log off;
				    client_body_temp_path DIR/tmp/client_body;
				    proxy_temp_path DIR/tmp/proxy;
				    fastcgi_temp_path DIR/tmp/fastcgi;
				    uwsgi_temp_path DIR/tmp/uwsgi;
				    scgi_temp_path DIR/tmp/scgi;
				    upstream sample_service {
				        server 127.0.0.1:UPSTREAM;
				        keepalive 64;
				    }
				    server {
				        listen 127.0.0.1:LISTEN;
				        location / {
				            proxy_pass http://sample_service;
				            proxy_http_version 1.1;
				            proxy_set_header Connection "";
				            proxy_set_header Host $host;
				            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
				        }
				    }
				}
				""".replace("DIR", directory.toString()).replace("UPSTREAM", Integer.toString(upstreamPort))
				.replace("LISTEN", Integer.toString(listenPort));
	}

	void start(int listenPort, int upstreamPort) throws IOException, InterruptedException {
		Files.createDirectories(directory.resolve("logs"));
		Files.createDirectories(directory.resolve("tmp"));
		Path config = directory.resolve("nginx.conf");
		Files.writeString(config, configuration(directory, listenPort, upstreamPort));
		List<String> prefix = List.of(binary, "-p", directory.toString(), "-c", config.toString(), "-e",
				directory.resolve("logs/error.log").toString());
		List<String> test = new ArrayList<>(prefix.subList(0, 1));
		test.addAll(List.of("-t", "-q"));
		test.addAll(prefix.subList(1, prefix.size()));
		Processes.Result checked = Processes.run(test, directory, Map.of(), Duration.ofSeconds(30));
		Files.writeString(logs.resolve("nginx-test.log"), checked.output());
		if (!checked.succeeded()) {
			System.err.println(checked.output());
			throw new BenchFailure("nginx rejects the configuration the harness wrote");
		}
		pid = Processes.start(prefix, directory, Map.of(), false, logs.resolve("nginx.log")).pid();
		for (int tries = 0; Http.okBody("http://127.0.0.1:" + listenPort + "/").isEmpty(); tries++) {
			if (!Processes.alive(pid)) {
				System.err.println(Platform.read(directory.resolve("logs/error.log")) + Platform.read(logs.resolve("nginx.log")));
				throw new BenchFailure("nginx exited");
			}
			if (tries > 40) {
				throw new BenchFailure("nginx on port " + listenPort + " does not proxy to the sample service");
			}
			Thread.sleep(250);
		}
	}

	long pid() {
		return pid;
	}

	/** Its worker processes as they are now (nginx replaces a worker that died). */
	List<Long> workers() {
		return new ProcessReadings(pid).children();
	}

	/**
	 * Master and workers: the proxy's CPU is theirs together. None found would make nginx's CPU a silent zero (a
	 * full run once reported 0.000 ms per request), so that stops the run instead.
	 */
	List<Long> processes() {
		List<Long> workers = workers();
		if (workers.isEmpty()) {
			throw new BenchFailure("nginx (PID " + pid + ") lists no worker processes in /proc: its CPU cannot be measured");
		}
		List<Long> all = new ArrayList<>(List.of(pid));
		all.addAll(workers);
		return all;
	}

	void stop() {
		if (pid != 0) {
			Processes.stop(pid, Duration.ofSeconds(10));
			pid = 0;
		}
	}

	static String version(String binary) {
		String output = Processes.run(List.of(binary, "-v"), Path.of("/"), Map.of(), Duration.ofSeconds(10)).output().strip();
		return output.replaceFirst("(?s).*nginx/", "");
	}

}
