package io.chronotrace.actuate.endpoint;

import java.security.Principal;
import java.util.function.Supplier;

import io.chronotrace.core.support.BoundedText;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.actuate.endpoint.SecurityContext;

/**
 * The audit log of the {@code chronotrace} endpoint ({@code chronotrace.endpoint.audit}): one
 * INFO line on the {@code io.chronotrace.audit} logger for each read of a whole trace, export,
 * attachment download, replay, delete and purge, naming the caller's principal and address
 * where they are known (the principal needs Spring Security, or any authentication the
 * actuator sees).
 */
public final class EndpointAudit {

	/** The logger audit lines go to. */
	public static final String LOGGER = "io.chronotrace.audit";

	/** An audit that logs nothing. */
	public static final EndpointAudit OFF = new EndpointAudit(false, () -> null);

	private static final Logger logger = LoggerFactory.getLogger(LOGGER);

	private final boolean enabled;

	private final Supplier<@Nullable String> callerAddress;

	/**
	 * Creates the audit.
	 * @param enabled whether it logs
	 * @param callerAddress the address of the client of the request being served, when known
	 */
	public EndpointAudit(boolean enabled, Supplier<@Nullable String> callerAddress) {
		this.enabled = enabled;
		this.callerAddress = callerAddress;
	}

	/**
	 * Logs one operation.
	 * @param action what was done, such as {@code read}, {@code export curl} or {@code purge}
	 * @param subject what it was done to: a trace id as the caller sent it, or a purge's age
	 * @param outcome the status the endpoint answered with
	 * @param security who asked, as actuator knows it
	 */
	void record(String action, String subject, int outcome, @Nullable SecurityContext security) {
		if (!this.enabled || !logger.isInfoEnabled()) {
			return;
		}
		Principal principal = (security != null) ? security.getPrincipal() : null;
		String address = this.callerAddress.get();
		logger.info("chronotrace {} {} -> {} by {} from {}", action, BoundedText.shown(subject, 64), outcome,
				(principal != null) ? BoundedText.shown(principal.getName(), 128) : "anonymous",
				(address != null) ? BoundedText.shown(address, 64) : "unknown");
	}

}
