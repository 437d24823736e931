package io.chronotrace.sample.shop;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Units sold per product. It runs one query per product, the N+1 pattern that ChronoTrace marks
 * in the trace.
 */
@Service
public class SalesReport {

	private final ProductCatalog catalog;

	private final JdbcTemplate jdbc;

	public SalesReport(ProductCatalog catalog, JdbcTemplate jdbc) {
		this.catalog = catalog;
		this.jdbc = jdbc;
	}

	public Map<String, Integer> unitsSold() {
		Map<String, Integer> units = new LinkedHashMap<>();
		for (Product product : this.catalog.all()) {
			units.put(product.name(), this.jdbc.queryForObject(
					"select coalesce(sum(quantity), 0) from order_line where product_id = ?", Integer.class,
					product.id()));
		}
		return units;
	}

}
