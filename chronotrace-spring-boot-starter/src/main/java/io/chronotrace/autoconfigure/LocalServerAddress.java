package io.chronotrace.autoconfigure;

import io.chronotrace.replay.ReplayException;

import org.springframework.core.env.Environment;

/**
 * The address of this application's own server, where replays and exported commands are sent
 * by default: never the host a recorded client claimed.
 */
final class LocalServerAddress {

	private LocalServerAddress() {
	}

	/**
	 * The base URL of the running server: its address (default {@code localhost}) and the port
	 * it listens on once started, such as {@code http://localhost:8080}.
	 * @param environment the application's environment
	 * @return the base URL
	 * @throws ReplayException when the application has no server port (yet)
	 */
	static String baseUrl(Environment environment) {
		String port = environment.getProperty("local.server.port");
		if (port == null) {
			throw new ReplayException("This application has no local server port to replay to; set"
					+ " chronotrace.replay.target", null);
		}
		return "http://" + host(environment) + ":" + port;
	}

	/**
	 * The base URL of the running server for an export: as {@link #baseUrl}, or
	 * {@code http://localhost:8080} with a port of {@code server.port} (default 8080) when the
	 * server has not started (a test without a web server).
	 * @param environment the application's environment
	 * @return the base URL
	 */
	static String exportBaseUrl(Environment environment) {
		String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
		return "http://" + host(environment) + ":" + (port.equals("0") ? "8080" : port);
	}

	private static String host(Environment environment) {
		String address = environment.getProperty("server.address", "localhost");
		if (address.isBlank() || address.equals("0.0.0.0") || address.equals("::")) {
			return "localhost";
		}
		return address.contains(":") ? "[" + address + "]" : address;
	}

}
