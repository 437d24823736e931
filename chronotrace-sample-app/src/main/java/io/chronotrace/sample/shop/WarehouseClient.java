package io.chronotrace.sample.shop;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Asks the warehouse how many of a product it has. The client is built from Spring Boot's
 * {@code RestClient.Builder}, so ChronoTrace records its calls without any code here.
 */
@Component
public class WarehouseClient {

	private final RestClient restClient;

	private final Environment environment;

	public WarehouseClient(RestClient.Builder restClient, Environment environment) {
		this.restClient = restClient.build();
		this.environment = environment;
	}

	public StockLevel stock(long productId) {
		// the warehouse API is served by this application, on the port it got
		String port = this.environment.getProperty("local.server.port",
				this.environment.getProperty("server.port", "8080"));
		return this.restClient.get()
			.uri("http://localhost:{port}/api/warehouse/stock/{productId}", port, productId)
			.retrieve()
			.body(StockLevel.class);
	}

}
