package io.chronotrace.replay;

import java.util.Locale;
import java.util.Set;

/**
 * Which recorded request headers are sent again, by a replay or by an export (curl, JUnit):
 * not those of the recorded connection (the client sets its own), not ChronoTrace's own, and
 * never those by which a proxy tells where a request came from. A replay comes from this
 * machine, whose proxies an application trusts: a recorded {@code X-Forwarded-For} sent again
 * from there would make the client's claim look like the proxy's word.
 */
public final class ResentHeaders {

	private static final Set<String> CONNECTION = Set.of("host", "content-length", "connection", "keep-alive",
			"transfer-encoding", "te", "trailer", "upgrade", "expect", "proxy-connection", "accept-encoding");

	private static final Set<String> FORWARDING = Set.of("forwarded", "x-real-ip", "x-client-ip", "true-client-ip",
			"x-original-forwarded-for", "x-cluster-client-ip", "cf-connecting-ip", "fastly-client-ip");

	private ResentHeaders() {
	}

	/**
	 * Whether a recorded request header is sent again.
	 * @param name the header name, in any case
	 * @return {@code false} for connection, forwarding and ChronoTrace headers
	 */
	public static boolean isResent(String name) {
		String lower = name.toLowerCase(Locale.ROOT);
		return !CONNECTION.contains(lower) && !isForwarding(lower) && !lower.startsWith("x-chronotrace-")
				&& !lower.startsWith(":");
	}

	/**
	 * Whether a header tells where a request came from, as proxies set it.
	 * @param name the header name, in any case
	 * @return whether it is {@code Forwarded}, an {@code X-Forwarded-*} header or one like them
	 */
	public static boolean isForwarding(String name) {
		String lower = name.toLowerCase(Locale.ROOT);
		return FORWARDING.contains(lower) || lower.startsWith("x-forwarded-");
	}

}
