package io.chronotrace.actuate.endpoint;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.chronotrace.core.storage.PurgeResult;
import io.chronotrace.core.storage.StorageCheck;
import io.chronotrace.core.storage.TracePage;
import io.chronotrace.core.storage.TraceQuery;
import io.chronotrace.core.storage.TraceStorage;
import io.chronotrace.core.storage.TraceStorageException;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceId;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.SecurityContext;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A storage that cannot be reached (a bucket down, a full disk) answers 503 with the storage's
 * own message, not a bare 500.
 */
class ChronoTraceEndpointStorageFailureTests {

	private final ChronoTraceEndpoint endpoint = new ChronoTraceEndpoint(new UnreachableStorage(),
			new TraceBrowserPage(() -> "/actuator/chronotrace", () -> Access.READ_ONLY),
			new TraceExports(new CurlCommand(() -> "http://localhost:8080", () -> "/actuator/chronotrace"),
					new JUnitTestSource(List.of(), Map.of(), JUnitTestSource.Application::unknown)),
			Clock.systemUTC());

	private final String id = TraceId.create(Instant.now()).toString();

	@Test
	void everyOperationAnswers503WithTheStoragesMessage() {
		assertUnavailable(this.endpoint.traces(TraceListFormat.JSON, null, null, null, null, null, null, null, null, null));
		assertUnavailable(this.endpoint.trace(this.id, SecurityContext.NONE));
		assertUnavailable(this.endpoint.export(this.id, "curl", null, null, SecurityContext.NONE));
		assertUnavailable(this.endpoint.attachment(this.id, "attachments", "response-body", SecurityContext.NONE));
		assertUnavailable(this.endpoint.delete(this.id, SecurityContext.NONE));
		assertUnavailable(this.endpoint.purge("P3D", SecurityContext.NONE));
	}

	@Test
	void thePageNeedsNoStorage() {
		WebEndpointResponse<Object> page = this.endpoint.traces(TraceListFormat.HTML, null, null, null, null, null,
				null, null, null, null);
		assertThat(page.getStatus()).isEqualTo(200);
		assertThat(page.getBody()).asString().contains("\"/actuator/chronotrace\"");
	}

	private static void assertUnavailable(WebEndpointResponse<Object> response) {
		assertThat(response.getStatus()).isEqualTo(503);
		assertThat(response.getBody()).isEqualTo(
				new EndpointError(503, "Service Unavailable", "s3 storage (bucket traces) cannot be reached"));
	}

	static final class UnreachableStorage implements TraceStorage {

		private static TraceStorageException down() {
			return new TraceStorageException("s3 storage (bucket traces) cannot be reached", null);
		}

		@Override
		public long store(Trace trace) {
			throw down();
		}

		@Override
		public Optional<Trace> retrieve(TraceId id) {
			throw down();
		}

		@Override
		public TracePage list(TraceQuery query) {
			throw down();
		}

		@Override
		public boolean delete(TraceId id) {
			throw down();
		}

		@Override
		public PurgeResult purgeOlderThan(Instant cutoff) {
			throw down();
		}

		@Override
		public Optional<java.io.InputStream> openAttachment(TraceId id, String name) {
			throw down();
		}

		@Override
		public StorageCheck check() {
			return StorageCheck.down("cannot be reached");
		}

	}

}
