package io.chronotrace.autoconfigure;

/**
 * No AWS region could be found for the S3 trace storage; the {@link ConfigurationFailureAnalyzer}
 * turns it into one line that says where to set one.
 */
final class MissingS3RegionException extends IllegalStateException {

	static final String DESCRIPTION = "No AWS region for the S3 trace storage (chronotrace.storage=s3).";

	static final String ACTION = "Set chronotrace.s3.region (environment variable CHRONOTRACE_S3_REGION), "
			+ "spring.cloud.aws.region.static, or the AWS_REGION environment variable.";

	MissingS3RegionException() {
		super(DESCRIPTION + " " + ACTION);
	}

}
