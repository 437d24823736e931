package io.chronotrace.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.scheduling.annotation.EnableAsync;

/**
 * A small shop API whose requests ChronoTrace records: products in an embedded database, a
 * cached product lookup, a stock check over HTTP, order confirmations sent in the background.
 */
@SpringBootApplication
@EnableCaching
@EnableAsync
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
