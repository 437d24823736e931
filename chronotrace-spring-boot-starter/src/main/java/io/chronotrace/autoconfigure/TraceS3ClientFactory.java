package io.chronotrace.autoconfigure;

import java.net.URI;
import java.util.List;

import io.awspring.cloud.autoconfigure.AwsClientProperties;
import io.awspring.cloud.autoconfigure.AwsSyncClientCustomizer;
import io.awspring.cloud.autoconfigure.core.AwsClientBuilderConfigurer;
import io.awspring.cloud.autoconfigure.core.AwsConnectionDetails;
import io.awspring.cloud.autoconfigure.s3.S3ClientCustomizer;
import io.chronotrace.core.storage.s3.S3ClientOptions;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Finds the {@link S3Client} of the S3 trace storage: the application's own, when it has one
 * and {@code chronotrace.s3.*} asks for no other endpoint, region or addressing; otherwise
 * one built the Spring Cloud AWS way ({@code spring.cloud.aws.credentials.*},
 * {@code spring.cloud.aws.region.static}, the AWS default chains), with ChronoTrace's endpoint,
 * region, addressing, retries and timeouts, and then the application's
 * {@link S3ClientCustomizer} and {@link AwsSyncClientCustomizer} beans, as Spring Cloud AWS
 * applies them to the application's own client: a customizer's retries or timeouts win over
 * ChronoTrace's.
 */
final class TraceS3ClientFactory {


	private final ChronoTraceProperties.S3 properties;

	private final Environment environment;

	private final AwsClientBuilderConfigurer configurer;

	private final @Nullable AwsConnectionDetails connectionDetails;

	private final List<S3ClientCustomizer> s3Customizers;

	private final List<AwsSyncClientCustomizer> syncCustomizers;

	TraceS3ClientFactory(ChronoTraceProperties.S3 properties, Environment environment,
			AwsClientBuilderConfigurer configurer, @Nullable AwsConnectionDetails connectionDetails,
			List<S3ClientCustomizer> s3Customizers, List<AwsSyncClientCustomizer> syncCustomizers) {
		this.properties = properties;
		this.environment = environment;
		this.configurer = configurer;
		this.connectionDetails = connectionDetails;
		this.s3Customizers = s3Customizers;
		this.syncCustomizers = syncCustomizers;
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
			// the SDK's message lists every provider of its chain: noise for a setting the user must add
			throw new MissingS3RegionException();
		}
		builder.forcePathStyle(pathStyleAccess(client.getEndpoint()));
		S3ClientOptions.apply(builder);
		this.s3Customizers.forEach((customizer) -> customizer.customize(builder));
		this.syncCustomizers.forEach((customizer) -> customizer.customize(builder));
		return builder.build();
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
