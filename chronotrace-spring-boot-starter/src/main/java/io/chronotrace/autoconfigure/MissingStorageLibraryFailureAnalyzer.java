package io.chronotrace.autoconfigure;

import java.util.stream.Collectors;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link MissingStorageLibraryException} at start-up with the Maven dependencies to
 * add, ready to paste.
 */
class MissingStorageLibraryFailureAnalyzer extends AbstractFailureAnalyzer<MissingStorageLibraryException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MissingStorageLibraryException cause) {
		String dependencies = cause.getCoordinates().stream().map((coordinates) -> {
			String[] parts = coordinates.split(":");
			return "    <dependency>\n      <groupId>" + parts[0] + "</groupId>\n      <artifactId>" + parts[1]
					+ "</artifactId>\n    </dependency>";
		}).collect(Collectors.joining("\n"));
		return new FailureAnalysis(cause.getMessage() + ".",
				"Add to your pom.xml (versions come from Spring Boot's dependency management, and from "
						+ "io.awspring.cloud:spring-cloud-aws-dependencies for the AWS libraries):\n\n" + dependencies
						+ "\n\nor choose another backend (local, memory, s3, jdbc, redis).",
				cause);
	}

}
