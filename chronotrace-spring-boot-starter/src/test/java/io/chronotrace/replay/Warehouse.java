package io.chronotrace.replay;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/** A remote service for the shop: a JDK HTTP server on a free port that counts its calls. */
final class Warehouse implements AutoCloseable {

	private final HttpServer server;

	private final AtomicInteger calls = new AtomicInteger();

	Warehouse() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
		this.server.createContext("/stock/", (exchange) -> {
			this.calls.incrementAndGet();
			String id = exchange.getRequestURI().getPath().substring("/stock/".length());
			byte[] body = ("{\"item\":" + id + ",\"available\":7}").getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		this.server.start();
	}

	String url() {
		return "http://localhost:" + this.server.getAddress().getPort();
	}

	int calls() {
		return this.calls.get();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
