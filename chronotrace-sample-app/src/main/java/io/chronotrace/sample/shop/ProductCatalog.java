package io.chronotrace.sample.shop;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;

/** The products on sale. */
@Service
public class ProductCatalog {

	private final Map<Long, Product> products = List
		.of(new Product(1, "Espresso beans 1kg", new BigDecimal("24.90")),
				new Product(2, "Milk frother", new BigDecimal("39.00")),
				new Product(3, "Ceramic cup", new BigDecimal("8.50")))
		.stream()
		.collect(Collectors.toMap(Product::id, Function.identity()));

	public List<Product> all() {
		return this.products.values().stream().sorted(java.util.Comparator.comparingLong(Product::id)).toList();
	}

	public Optional<Product> find(long id) {
		return Optional.ofNullable(this.products.get(id));
	}

}
