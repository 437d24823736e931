package io.chronotrace.autoconfigure;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Fails start-up when {@code chronotrace.storage} names a backend whose client library the
 * application does not have, with the Maven coordinates to add: the starter brings no
 * backend's client library itself, so an application that stores locally carries none.
 */
public final class StorageLibraries implements BeanClassLoaderAware, InitializingBean {

	/** Per backend: a class of each library it needs, and that library's Maven coordinates. */
	private static final Map<String, List<Library>> LIBRARIES = Map.of("s3",
			List.of(new Library("software.amazon.awssdk.services.s3.S3Client", "software.amazon.awssdk:s3"),
					new Library("io.awspring.cloud.autoconfigure.core.AwsClientBuilderConfigurer",
							"io.awspring.cloud:spring-cloud-aws-starter")),
			"jdbc",
			List.of(new Library("org.springframework.boot.jdbc.EmbeddedDatabaseConnection",
					"org.springframework.boot:spring-boot-starter-jdbc")),
			"redis", List.of(new Library("org.springframework.data.redis.connection.RedisConnectionFactory",
					"org.springframework.boot:spring-boot-starter-data-redis")));

	private final Environment environment;

	private ClassLoader classLoader = StorageLibraries.class.getClassLoader();

	StorageLibraries(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void setBeanClassLoader(ClassLoader classLoader) {
		this.classLoader = classLoader;
	}

	@Override
	public void afterPropertiesSet() {
		String storage = this.environment.getProperty("chronotrace.storage", "local").trim().toLowerCase(Locale.ROOT);
		List<String> missing = LIBRARIES.getOrDefault(storage, List.of())
			.stream()
			.filter((library) -> !ClassUtils.isPresent(library.className(), this.classLoader))
			.map(Library::coordinates)
			.toList();
		if (!missing.isEmpty()) {
			throw new MissingStorageLibraryException(storage, missing);
		}
	}

	private record Library(String className, String coordinates) {

	}

}
