package io.chronotrace.core.write;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceId;
import io.chronotrace.core.trace.TraceRequest;
import io.chronotrace.core.trace.TraceResponse;

final class WriterTestTraces {

	private WriterTestTraces() {
	}

	static Trace trace() {
		Instant now = Instant.now();
		return new Trace(Trace.SCHEMA_VERSION, TraceId.create(now), now, 1200, "test",
				new TraceRequest("GET", "http://localhost/orders", "/orders", null, Map.of(), null, "127.0.0.1"),
				new TraceResponse(200, Map.of(), null, 0), null, List.of(), 0, null, List.of());
	}

}
