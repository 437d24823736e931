package io.chronotrace.actuate.endpoint;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * What a purge removed: {@code {"deleted": 12}}.
 *
 * @param deleted the number of traces deleted, or of day folders for a backend that cannot
 * count traces cheaply
 */
public record PurgeDescriptor(int deleted) implements OperationResponseBody {

}
