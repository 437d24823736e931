package io.chronotrace.actuate.endpoint;

import org.springframework.boot.actuate.endpoint.Producible;
import org.springframework.util.MimeType;
import org.springframework.util.MimeTypeUtils;

/**
 * What the listing URL answers, chosen from the {@code Accept} header: JSON (the default, also
 * for {@code *}{@code /*}) or the trace browser page for {@code text/html}. The page comes last
 * so that a browser, which accepts both HTML and anything, gets the page.
 */
public enum TraceListFormat implements Producible<TraceListFormat> {

	/** Actuator's own JSON media type. */
	ACTUATOR_JSON(MimeType.valueOf("application/vnd.spring-boot.actuator.v3+json")),

	/** Plain JSON, the default. */
	JSON(MimeTypeUtils.APPLICATION_JSON) {

		@Override
		public boolean isDefault() {
			return true;
		}

	},

	/** The trace browser page. */
	HTML(MimeTypeUtils.TEXT_HTML);

	private final MimeType mimeType;

	TraceListFormat(MimeType mimeType) {
		this.mimeType = mimeType;
	}

	@Override
	public MimeType getProducedMimeType() {
		return this.mimeType;
	}

}
