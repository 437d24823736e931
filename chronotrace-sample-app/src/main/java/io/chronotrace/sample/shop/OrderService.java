package io.chronotrace.sample.shop;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.chronotrace.core.recording.ChronoTrace;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/** Places orders: prices them, checks the stock, saves them and confirms them. */
@Service
public class OrderService {

	private static final Logger logger = LoggerFactory.getLogger(OrderService.class);

	private final ProductCatalog catalog;

	private final WarehouseClient warehouse;

	private final OrderNotifier notifier;

	private final JdbcTemplate jdbc;

	public OrderService(ProductCatalog catalog, WarehouseClient warehouse, OrderNotifier notifier, JdbcTemplate jdbc) {
		this.catalog = catalog;
		this.warehouse = warehouse;
		this.notifier = notifier;
		this.jdbc = jdbc;
	}

	@Transactional
	public OrderConfirmation place(OrderRequest order) {
		BigDecimal total = ChronoTrace.timed("order.pricing", Map.of("lines", order.lines().size()),
				() -> price(order.lines()));
		for (OrderRequest.Line line : order.lines()) {
			StockLevel stock = this.warehouse.stock(line.productId());
			if (stock.available() < line.quantity()) {
				throw new ResponseStatusException(HttpStatus.CONFLICT,
						"Only " + stock.available() + " left of product " + line.productId());
			}
		}
		String orderId = UUID.randomUUID().toString();
		this.jdbc.update("insert into orders (id, customer_email, total, placed_at) values (?, ?, ?, ?)", orderId,
				order.customerEmail(), total, Timestamp.from(Instant.now()));
		this.jdbc.batchUpdate("insert into order_line (order_id, product_id, quantity) values (?, ?, ?)",
				order.lines().stream().map((line) -> new Object[] { orderId, line.productId(), line.quantity() }).toList());
		this.notifier.sendConfirmation(orderId).join();
		logger.info("Order placed: {} lines, total {}", order.lines().size(), total);
		ChronoTrace.event("order.placed", Map.of("orderId", orderId, "total", total));
		return new OrderConfirmation(orderId, total, "CONFIRMED");
	}

	private BigDecimal price(List<OrderRequest.Line> lines) {
		BigDecimal total = BigDecimal.ZERO;
		for (OrderRequest.Line line : lines) {
			Product product = this.catalog.find(line.productId())
				.orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST, "No product " + line.productId()));
			total = total.add(product.price().multiply(BigDecimal.valueOf(line.quantity())));
		}
		return total;
	}

}
