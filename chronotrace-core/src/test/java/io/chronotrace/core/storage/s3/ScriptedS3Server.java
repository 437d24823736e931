package io.chronotrace.core.storage.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;

/**
 * A tiny local HTTP server that answers S3 requests as a test scripts them: for answers a real
 * S3-compatible server cannot be made to give (5xx, throttling, per-key delete errors).
 */
final class ScriptedS3Server implements AutoCloseable {

	private final HttpServer server;

	ScriptedS3Server(Function<Request, Answer> script) throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", (exchange) -> answer(exchange, script));
		this.server.start();
	}

	URI endpoint() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	private static void answer(HttpExchange exchange, Function<Request, Answer> script) throws IOException {
		try (InputStream body = exchange.getRequestBody()) {
			body.transferTo(OutputStream.nullOutputStream());
		}
		String query = exchange.getRequestURI().getRawQuery();
		Answer answer = script.apply(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
				(query != null) ? URLDecoder.decode(query, StandardCharsets.UTF_8) : ""));
		exchange.getResponseHeaders().add("ETag", "\"d41d8cd98f00b204e9800998ecf8427e\"");
		if (answer.body() == null) {
			exchange.sendResponseHeaders(answer.status(), -1);
			exchange.close();
			return;
		}
		byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/xml");
		exchange.sendResponseHeaders(answer.status(), body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	/**
	 * A request as the server saw it.
	 * @param method the HTTP method
	 * @param path the path, {@code /bucket/key} (path-style)
	 * @param query the decoded query string, empty when none
	 */
	record Request(String method, String path, String query) {
	}

	/**
	 * What the server answers.
	 * @param status the status
	 * @param body the XML body, or {@code null} for none
	 */
	record Answer(int status, @Nullable String body) {

		static Answer ok() {
			return new Answer(200, null);
		}

		static Answer xml(String body) {
			return new Answer(200, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + body);
		}

		static Answer error(int status, String code) {
			return new Answer(status, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code
					+ "</Code><Message>as the test asked</Message></Error>");
		}

	}

}
