package io.chronotrace.capture.testing;

import java.time.Duration;
import java.util.Optional;

import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceId;

import org.springframework.http.ResponseEntity;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Reads the traces the recording filter stored. */
public final class StoredTraces {

	/** The recording filter, which the tests that read stored traces need. */
	public static final String RECORDING_FILTER = "io.chronotrace.web.servlet.ChronoTraceFilter";

	private StoredTraces() {
	}

	/**
	 * Whether the starter has the recording filter, for {@code @EnabledIf}.
	 * @return whether it does
	 */
	public static boolean recordingFilterExists() {
		return ClassUtils.isPresent(RECORDING_FILTER, null);
	}

	/**
	 * The stored trace of the request that got a response, by the id of its
	 * {@code X-ChronoTrace-Id} header, once the writer stored it.
	 * @param storage the storage
	 * @param response the response
	 * @return the trace
	 */
	public static CapturedTrace read(TraceStorage storage, ResponseEntity<?> response) {
		String id = response.getHeaders().getFirst("X-ChronoTrace-Id");
		assertThat(id).as("X-ChronoTrace-Id response header").isNotNull();
		Trace trace = await().atMost(Duration.ofSeconds(10))
			.until(() -> storage.retrieve(TraceId.parse(id)), Optional::isPresent)
			.get();
		return new CapturedTrace(trace.events(), trace.droppedEvents(), trace.tracing());
	}

}
