package io.chronotrace.autoconfigure;

import java.util.List;
import java.util.Map;

import org.springframework.util.ClassUtils;

/**
 * Which client library each backend needs, in one table: the backend's configuration is
 * active only when they are present, and a backend in use without them fails start-up with
 * their Maven coordinates ({@link MissingStorageLibraryException}). The starter brings no
 * backend's client library itself, so an application that stores locally carries none.
 * <p>
 * <table>
 * <caption>Libraries per backend</caption>
 * <tr><th>backend</th><th>libraries</th></tr>
 * <tr><td>local, memory, tiered</td><td>none</td></tr>
 * <tr><td>s3</td><td>software.amazon.awssdk:s3, io.awspring.cloud:spring-cloud-aws-starter</td></tr>
 * <tr><td>jdbc</td><td>org.springframework.boot:spring-boot-starter-jdbc</td></tr>
 * <tr><td>redis</td><td>org.springframework.boot:spring-boot-starter-data-redis, with Lettuce</td></tr>
 * </table>
 */
final class StorageLibraries {

	/** Per backend: a class of each library it needs, and that library's Maven coordinates. */
	private static final Map<String, List<Library>> LIBRARIES = Map.of("s3",
			List.of(new Library("software.amazon.awssdk.services.s3.S3Client", "software.amazon.awssdk:s3"),
					new Library("io.awspring.cloud.autoconfigure.core.AwsClientBuilderConfigurer",
							"io.awspring.cloud:spring-cloud-aws-starter")),
			"jdbc",
			List.of(new Library("org.springframework.boot.jdbc.EmbeddedDatabaseConnection",
					"org.springframework.boot:spring-boot-starter-jdbc")),
			"redis",
			List.of(new Library("org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory",
					"org.springframework.boot:spring-boot-starter-data-redis"),
					new Library("io.lettuce.core.RedisClient", "io.lettuce:lettuce-core")));

	private StorageLibraries() {
	}

	/**
	 * The libraries a backend needs that the class loader does not have.
	 * @param backend the backend's name
	 * @param classLoader the application's class loader
	 * @return their Maven coordinates, none when every one is present (or the backend needs none)
	 */
	static List<String> missing(String backend, ClassLoader classLoader) {
		return LIBRARIES.getOrDefault(backend, List.of())
			.stream()
			.filter((library) -> !ClassUtils.isPresent(library.className(), classLoader))
			.map(Library::coordinates)
			.toList();
	}

	/**
	 * Fails when a backend in use lacks a library.
	 * @param backends the backends in use
	 * @param classLoader the application's class loader
	 * @throws MissingStorageLibraryException naming the backend and the libraries to add
	 */
	static void check(StorageBackends backends, ClassLoader classLoader) {
		for (String backend : backends.inUse()) {
			List<String> missing = missing(backend, classLoader);
			if (!missing.isEmpty()) {
				throw new MissingStorageLibraryException(backends.describe(backend), missing);
			}
		}
	}

	private record Library(String className, String coordinates) {

	}

}
