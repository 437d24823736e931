package io.chronotrace.capture.http;

import java.net.URI;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.chronotrace.core.trace.TraceId;
import org.jspecify.annotations.Nullable;

/**
 * The calls the application is making to its own server through a captured HTTP client, so that
 * the trace of the request they arrive as says which trace made it ({@code SELF_CALL}). Each call
 * carries a one-time token of 256 random bits in {@value #HEADER}, known only to this registry
 * while the call is in flight, and sent to nothing but this application's own server address: a
 * request that arrives with an in-flight token is that call, and claims it; any other value,
 * guessed, forged or spent, means nothing.
 */
public final class SelfCalls {

	/**
	 * The request header of a call to itself. Its name holds a word of the default scrub list, so
	 * its (spent) value is not stored.
	 */
	public static final String HEADER = "X-ChronoTrace-Self-Call-Token";

	/** No self-calls are told: no header is ever sent. */
	public static final SelfCalls NONE = new SelfCalls(() -> null);

	private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

	private final SecureRandom random = new SecureRandom();

	private final Map<String, TraceId> inFlight = new ConcurrentHashMap<>();

	private final Supplier<@Nullable String> serverBaseUrl;

	/**
	 * Creates a registry.
	 * @param serverBaseUrl the base URL of this application's server once it listens, such as
	 * {@code http://localhost:8080}; {@code null} while it does not
	 */
	public SelfCalls(Supplier<@Nullable String> serverBaseUrl) {
		this.serverBaseUrl = serverBaseUrl;
	}

	/**
	 * Opens a call if it goes to this application's own server.
	 * @param caller the trace of the request that makes the call
	 * @param target the URL called
	 * @return the token to send in {@link #HEADER}, or {@code null} when the call goes elsewhere
	 * (nothing is to be sent)
	 */
	public @Nullable String open(TraceId caller, URI target) {
		if (!isOwnServer(target)) {
			return null;
		}
		byte[] bytes = new byte[32];
		this.random.nextBytes(bytes);
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		this.inFlight.put(token, caller);
		return token;
	}

	/**
	 * Ends a call: its token is spent whether or not it arrived.
	 * @param token the token {@link #open} gave, or {@code null}
	 */
	public void close(@Nullable String token) {
		if (token != null) {
			this.inFlight.remove(token);
		}
	}

	/**
	 * Claims the call of a token, once.
	 * @param token the value of {@link #HEADER} a request carries, if any
	 * @return the calling trace, or {@code null} when the token is not in flight
	 */
	public @Nullable TraceId claim(@Nullable String token) {
		return (token != null) ? this.inFlight.remove(token) : null;
	}

	/**
	 * Whether a URL names this application's server: same scheme, port and host, the host being
	 * the server's address or, when that is {@code localhost}, a loopback address.
	 */
	boolean isOwnServer(URI target) {
		String base = this.serverBaseUrl.get();
		if (base == null || target.getHost() == null) {
			return false;
		}
		URI server = URI.create(base);
		int port = (target.getPort() != -1) ? target.getPort()
				: ("https".equalsIgnoreCase(target.getScheme()) ? 443 : 80);
		if (!server.getScheme().equalsIgnoreCase(target.getScheme()) || server.getPort() != port) {
			return false;
		}
		String host = target.getHost().toLowerCase(Locale.ROOT);
		String serverHost = server.getHost().toLowerCase(Locale.ROOT);
		return host.equals(serverHost) || (serverHost.equals("localhost") && LOOPBACK.contains(host));
	}

}
