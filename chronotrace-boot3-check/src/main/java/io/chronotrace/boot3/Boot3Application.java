package io.chronotrace.boot3;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A Spring Boot 3.5 web application with the ChronoTrace starter added. */
@SpringBootApplication
public class Boot3Application {

	public static void main(String[] args) {
		SpringApplication.run(Boot3Application.class, args).close();
		System.out.println("Started and stopped on Spring Boot " + SpringBootVersion.getVersion());
	}

}
