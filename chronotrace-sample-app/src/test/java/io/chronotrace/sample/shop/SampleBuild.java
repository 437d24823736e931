package io.chronotrace.sample.shop;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A copy of this application built by a real offline Maven, for the tests that run exported
 * tests in the application's own build: its build file and main sources, and a temporary local
 * repository that holds the starter, core and parent just built and links to everything else in
 * the build's own local repository, so that nothing is installed there.
 */
final class SampleBuild {

	private static final String VERSION = System.getProperty("chronotrace.version", "0.1.0-SNAPSHOT");

	private final Path work;

	SampleBuild(Path work) {
		this.work = work;
	}

	/**
	 * This application's build file and main sources in a temporary folder, its own tests left
	 * out; its parent is found in the local repository.
	 */
	Path copyOfThisApplication() throws IOException {
		Path module = Path.of("").toAbsolutePath();
		Path project = Files.createDirectories(this.work.resolve("sample-app"));
		FileSystemUtils.copyRecursively(module.resolve("src/main"), project.resolve("src/main"));
		String pom = Files.readString(module.resolve("pom.xml"));
		String copy = pom.replace("</version>\n  </parent>", "</version>\n    <relativePath/>\n  </parent>")
			.replaceAll("(?s)\\s*<dependency>\\s*<groupId>io.chronotrace</groupId>\\s*"
					+ "<artifactId>chronotrace-spring-boot-starter</artifactId>\\s*<version>[^<]*</version>\\s*"
					+ "<type>test-jar</type>.*?</dependency>", "")
			// the sample's own profiles (ahead-of-time processing) and build are not the copy's business
			.replaceAll("(?s)\\s*<profiles>.*</profiles>", "")
			.replaceAll("(?s)\\s*<build>.*</build>", "");
		assertThat(copy).contains("<relativePath/>").doesNotContain("test-jar").doesNotContain("<build>");
		Files.writeString(project.resolve("pom.xml"), copy);
		return project;
	}

	/**
	 * A local repository that holds the parent, core and starter just built (from this build's
	 * class path) and links to everything else in this build's local repository.
	 */
	Path layeredRepository() throws IOException {
		return layeredRepository(false);
	}

	/**
	 * A local repository as {@link #layeredRepository()} makes it, with the starter's test jar
	 * too when this application's own tests are to be compiled.
	 * @param withTestJar whether the starter's test jar is installed
	 */
	Path layeredRepository(boolean withTestJar) throws IOException {
		Path shared = Path.of(System.getProperty("chronotrace.localRepository",
				System.getProperty("user.home") + "/.m2/repository"));
		Path repository = Files.createDirectories(this.work.resolve("repository"));
		Path ours = Path.of("io", "chronotrace");
		link(shared, repository, ours);
		Path root = Path.of("").toAbsolutePath().getParent();
		install(repository, "chronotrace-parent", root.resolve("pom.xml"), null);
		install(repository, "chronotrace-core", root.resolve("chronotrace-core/pom.xml"), built("chronotrace-core"));
		install(repository, "chronotrace-spring-boot-starter", root.resolve("chronotrace-spring-boot-starter/pom.xml"),
				built("chronotrace-spring-boot-starter"));
		if (withTestJar) {
			Files.copy(builtTests("chronotrace-spring-boot-starter"), repository
				.resolve("io/chronotrace/chronotrace-spring-boot-starter/" + VERSION
						+ "/chronotrace-spring-boot-starter-" + VERSION + "-tests.jar"));
		}
		return repository;
	}

	/** Links each entry of a folder, except those on the way to the excluded folder. */
	private static void link(Path from, Path to, Path excluded) throws IOException {
		try (Stream<Path> entries = Files.list(from)) {
			for (Path entry : entries.toList()) {
				Path name = entry.getFileName();
				if (!name.equals(excluded.getName(0))) {
					Files.createSymbolicLink(to.resolve(name.toString()), entry);
				}
				else if (excluded.getNameCount() > 1) {
					link(entry, Files.createDirectories(to.resolve(name.toString())),
							excluded.subpath(1, excluded.getNameCount()));
				}
			}
		}
	}

	private static void install(Path repository, String artifact, Path pom, Path jar) throws IOException {
		Path folder = Files.createDirectories(repository.resolve("io/chronotrace").resolve(artifact).resolve(VERSION));
		Files.copy(pom, folder.resolve(artifact + "-" + VERSION + ".pom"));
		if (jar != null) {
			Files.copy(jar, folder.resolve(artifact + "-" + VERSION + ".jar"));
		}
	}

	/**
	 * The jar of a module of this build, as this test's class path has it: its jar, or its
	 * classes, which are put in a jar.
	 */
	private Path built(String module) throws IOException {
		return built(module, false);
	}

	/** The test jar of a module of this build, as {@link #built(String)} finds its jar. */
	private Path builtTests(String module) throws IOException {
		return built(module, true);
	}

	private Path built(String module, boolean tests) throws IOException {
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		for (String entry : classPath.split(File.pathSeparator)) {
			Path path = Path.of(entry).toAbsolutePath();
			String target = File.separator + module + File.separator + "target" + File.separator;
			int at = path.toString().indexOf(target);
			if (at < 0 || path.toString().substring(at + target.length()).contains("test") != tests) {
				continue;
			}
			if (Files.isRegularFile(path)) {
				return path;
			}
			Path jar = this.work.resolve(module + (tests ? "-tests" : "") + ".jar");
			try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out);
					Stream<Path> files = Files.walk(path)) {
				for (Path file : files.filter(Files::isRegularFile).toList()) {
					zip.putNextEntry(new JarEntry(path.relativize(file).toString().replace(File.separatorChar, '/')));
					Files.copy(file, zip);
					zip.closeEntry();
				}
			}
			return jar;
		}
		throw new IllegalStateException(module + " is not built in this reactor (run the sample app's tests with "
				+ "-am, as in mvn -pl chronotrace-sample-app -am verify): " + classPath);
	}

	Build maven(Path project, String... arguments) throws Exception {
		List<String> command = new ArrayList<>(List.of("mvn"));
		command.addAll(List.of(arguments));
		Path log = this.work.resolve("maven.log");
		Process process = new ProcessBuilder(command).directory(project.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		if (!process.waitFor(8, TimeUnit.MINUTES)) {
			process.destroyForcibly();
		}
		return new Build(process.exitValue(), Files.readString(log), project);
	}

	/**
	 * What a Maven build did.
	 *
	 * @param exitCode its exit code
	 * @param output what it printed
	 * @param project the project it built
	 */
	record Build(int exitCode, String output, Path project) {

		/** What it printed, and the test reports, for a failure's message. */
		String report() throws IOException {
			StringBuilder report = new StringBuilder(this.output);
			Path reports = this.project.resolve("target/surefire-reports");
			if (Files.isDirectory(reports)) {
				try (Stream<Path> files = Files.list(reports)) {
					for (Path file : files.filter((file) -> file.toString().endsWith(".txt")).sorted().toList()) {
						report.append("\n--- ").append(file.getFileName()).append('\n').append(Files.readString(file));
					}
				}
			}
			return report.toString();
		}

	}

}
