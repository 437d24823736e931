package io.chronotrace.sample.reactive;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small WebFlux API whose requests ChronoTrace records: a JSON echo, a price lookup that calls
 * a second endpoint through {@code WebClient}, a failure, and a stream of server-sent events.
 */
@SpringBootApplication
public class ReactiveSampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(ReactiveSampleApplication.class, args);
	}

}
