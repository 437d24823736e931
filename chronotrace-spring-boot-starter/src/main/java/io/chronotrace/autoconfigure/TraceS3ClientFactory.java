package io.chronotrace.autoconfigure;

import java.net.URI;

import io.awspring.cloud.autoconfigure.AwsClientProperties;
import io.awspring.cloud.autoconfigure.core.AwsClientBuilderConfigurer;
import io.awspring.cloud.autoconfigure.core.AwsConnectionDetails;
import io.chronotrace.core.storage.s3.S3ClientOptions;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Finds the {@link S3Client} of the S3 trace storage: the application's own, when it has one
 * and {@code chronotrace.s3.*} asks for no other endpoint, region or addressing; otherwise
 * one built the Spring Cloud AWS way ({@code spring.cloud.aws.credentials.*},
 * {@code spring.cloud.aws.region.static}, the AWS default chains), with ChronoTrace's endpoint,
 * region, addressing, retries and timeouts.
 */
final class TraceS3ClientFactory {

	private final ChronoTraceProperties.S3 properties;

	private final Environment environment;

	private final AwsClientBuilderConfigurer configurer;

	private final @Nullable AwsConnectionDetails connectionDetails;

	TraceS3ClientFactory(ChronoTraceProperties.S3 properties, Environment environment,
			AwsClientBuilderConfigurer configurer, @Nullable AwsConnectionDetails connectionDetails) {
		this.properties = properties;
		this.environment = environment;
		this.configurer = configurer;
		this.connectionDetails = connectionDetails;
	}

	/**
	 * The client to use.
	 * @param applicationClient the application's single {@code S3Client} bean, if any
	 * @return the client, and whether ChronoTrace owns it
	 */
	TraceS3Client create(@Nullable S3Client applicationClient) {
		boolean asksForItsOwn = this.properties.getEndpoint() != null || this.properties.getRegion() != null
				|| this.properties.getPathStyleAccess() != null;
		if (applicationClient != null && !asksForItsOwn) {
			return new TraceS3Client(applicationClient, false);
		}
		return new TraceS3Client(build(), true);
	}

	private S3Client build() {
		ClientProperties client = new ClientProperties();
		client.setRegion(firstText(this.properties.getRegion(), this.environment.getProperty("spring.cloud.aws.s3.region")));
		client.setEndpoint((this.properties.getEndpoint() != null) ? this.properties.getEndpoint()
				: this.environment.getProperty("spring.cloud.aws.s3.endpoint", URI.class));
		S3ClientBuilder builder = S3Client.builder();
		try {
			this.configurer.configure(builder, client, this.connectionDetails);
		}
		catch (SdkClientException ex) {
			throw new InvalidConfigurationPropertyValueException("chronotrace.s3.region", null,
					"No AWS region could be found for the S3 trace storage (" + ex.getMessage()
							+ "). Set chronotrace.s3.region (CHRONOTRACE_S3_REGION), spring.cloud.aws.region.static "
							+ "or the AWS_REGION environment variable.");
		}
		builder.forcePathStyle(pathStyleAccess(client.getEndpoint()));
		return S3ClientOptions.apply(builder).build();
	}

	/**
	 * Path-style addressing when asked, else when Spring Cloud AWS's S3 settings ask for it,
	 * else whenever an endpoint is set: MinIO and most S3-compatible stores need it.
	 */
	private boolean pathStyleAccess(@Nullable URI endpoint) {
		if (this.properties.getPathStyleAccess() != null) {
			return this.properties.getPathStyleAccess();
		}
		Boolean springCloudAws = this.environment.getProperty("spring.cloud.aws.s3.path-style-access-enabled",
				Boolean.class);
		if (springCloudAws != null) {
			return springCloudAws;
		}
		return endpoint != null || this.environment.getProperty("spring.cloud.aws.endpoint") != null
				|| (this.connectionDetails != null && this.connectionDetails.getEndpoint() != null);
	}

	private static @Nullable String firstText(@Nullable String first, @Nullable String second) {
		return StringUtils.hasText(first) ? first : (StringUtils.hasText(second) ? second : null);
	}

	/** The client settings Spring Cloud AWS applies on top of {@code spring.cloud.aws.*}. */
	private static final class ClientProperties extends AwsClientProperties {

	}

}
