package io.chronotrace.actuate.endpoint;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.chronotrace.core.storage.PurgeResult;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * What a purge removed: {@code {"deleted": 12, "days": 3}}, or {@code {"days": 3}} from a
 * backend that deletes whole days without counting their traces.
 *
 * @param deleted the number of traces deleted, absent when the backend does not count them
 * @param days the number of UTC days whose traces were deleted
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PurgeDescriptor(@Nullable Long deleted, int days) implements OperationResponseBody {

	static PurgeDescriptor of(PurgeResult purged) {
		return new PurgeDescriptor(purged.traces(), purged.days().size());
	}

}
