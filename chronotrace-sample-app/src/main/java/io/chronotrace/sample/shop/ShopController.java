package io.chronotrace.sample.shop;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

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

	public ShopController(ProductCatalog catalog) {
		this.catalog = catalog;
	}

	@GetMapping("/products")
	public List<Product> products() {
		return this.catalog.all();
	}

	@GetMapping("/products/{id}")
	public Product product(@PathVariable long id) {
		return this.catalog.find(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No product " + id));
	}

	@PostMapping("/orders")
	public OrderConfirmation placeOrder(@RequestBody OrderRequest order) {
		BigDecimal total = BigDecimal.ZERO;
		for (OrderRequest.Line line : order.lines()) {
			Product product = this.catalog.find(line.productId())
				.orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST, "No product " + line.productId()));
			total = total.add(product.price().multiply(BigDecimal.valueOf(line.quantity())));
		}
		logger.info("Order placed: {} lines, total {}", order.lines().size(), total);
		return new OrderConfirmation(UUID.randomUUID().toString(), total, "CONFIRMED");
	}

	/** Fails with a 500: the kind of request record-on-error keeps. */
	@GetMapping("/payments/{id}/capture")
	public String capturePayment(@PathVariable String id) {
		throw new IllegalStateException("Payment provider rejected capture of payment " + id);
	}

	/** Takes a while, like a slow report. */
	@GetMapping("/reports/sales")
	public String salesReport(@RequestParam(defaultValue = "1500") long delayMillis) throws InterruptedException {
		Thread.sleep(Math.min(delayMillis, 10_000));
		return "sales report ready after " + delayMillis + " ms";
	}

}
