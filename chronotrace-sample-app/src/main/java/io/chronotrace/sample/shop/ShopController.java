package io.chronotrace.sample.shop;

import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The shop's REST API. */
@RestController
@RequestMapping("/api")
public class ShopController {

	private static final Logger logger = LoggerFactory.getLogger(ShopController.class);

	private final ProductCatalog catalog;

	private final OrderService orders;

	private final SalesReport salesReport;

	public ShopController(ProductCatalog catalog, OrderService orders, SalesReport salesReport) {
		this.catalog = catalog;
		this.orders = orders;
		this.salesReport = salesReport;
	}

	/** Runs a query. */
	@GetMapping("/products")
	public List<Product> products() {
		return this.catalog.all();
	}

	/** A cached lookup: the first request for a product queries the database, the next ones do not. */
	@GetMapping("/products/{id}")
	public Product product(@PathVariable long id) {
		return this.catalog.find(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No product " + id));
	}

	/** Cached lookups, a stock check over HTTP, inserts, an {@code @Async} confirmation, a log line, custom events. */
	@PostMapping("/orders")
	public OrderConfirmation placeOrder(@RequestBody OrderRequest order) {
		return this.orders.place(order);
	}

	/** Fails with a 500: the kind of request record-on-error keeps. */
	@GetMapping("/payments/{id}/capture")
	public String capturePayment(@PathVariable String id) {
		logger.warn("Payment provider rejected capture of payment {}", id);
		throw new IllegalStateException("Payment provider rejected capture of payment " + id);
	}

	/** Takes a while, like a slow report, and runs one query per product. */
	@GetMapping("/reports/sales")
	public Map<String, Integer> salesReport(@RequestParam(defaultValue = "1500") long delayMillis)
			throws InterruptedException {
		Map<String, Integer> report = this.salesReport.unitsSold();
		Thread.sleep(Math.min(delayMillis, 10_000));
		return report;
	}

}
