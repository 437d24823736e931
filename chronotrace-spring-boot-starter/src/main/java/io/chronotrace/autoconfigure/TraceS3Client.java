package io.chronotrace.autoconfigure;

import software.amazon.awssdk.services.s3.S3Client;

/**
 * The {@link S3Client} of the S3 trace storage, kept out of the application's beans of type
 * {@code S3Client} so that it never replaces or competes with the application's own; closed
 * with the context when ChronoTrace built it, left alone when it is the application's.
 *
 * @param client the client
 * @param owned whether ChronoTrace built it (and so closes it)
 */
record TraceS3Client(S3Client client, boolean owned) implements AutoCloseable {

	@Override
	public void close() {
		if (this.owned) {
			this.client.close();
		}
	}

}
