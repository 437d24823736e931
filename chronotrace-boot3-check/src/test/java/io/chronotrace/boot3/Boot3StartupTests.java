package io.chronotrace.boot3;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts the Spring Boot 3.5 application as a process, with this module's class path (Spring
 * Boot 3.5 and the starter), as its users would run it.
 */
class Boot3StartupTests {

	@Test
	void startUpFailsWithOneLineNamingTheSupportedVersionsAndTheSwitch() throws Exception {
		Run run = start("--server.port=0");

		assertThat(run.exitCode()).isNotZero();
		assertThat(run.output()).contains("ChronoTrace supports Spring Boot 4.0 and 4.1 (it is built on Spring Boot 4 "
				+ "and Jackson 3); this application runs Spring Boot 3.5.7. Set chronotrace.enabled=false to start "
				+ "without it.")
			.contains("APPLICATION FAILED TO START")
			.doesNotContain("NoClassDefFoundError")
			.doesNotContain("\tat ");
	}

	@Test
	void startsWithTheStarterTurnedOff() throws Exception {
		Run run = start("--server.port=0", "--chronotrace.enabled=false");

		assertThat(run.output()).contains("Started and stopped on Spring Boot 3.5.7");
		assertThat(run.exitCode()).isZero();
	}

	private static Run start(String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(Boot3Application.class.getName());
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		byte[] output = process.getInputStream().readAllBytes();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
	}

	private record Run(int exitCode, String output) {
	}

}
