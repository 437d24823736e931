package io.chronotrace.sample.shop;

import java.util.List;
import java.util.Optional;

import org.springframework.cache.annotation.Cacheable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;

/** The products on sale, in the shop's database. */
@Service
public class ProductCatalog {

	private static final RowMapper<Product> PRODUCT = (row, number) -> new Product(row.getLong("id"),
			row.getString("name"), row.getBigDecimal("price"));

	private final JdbcTemplate jdbc;

	public ProductCatalog(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	public List<Product> all() {
		return this.jdbc.query("select id, name, price from product order by id", PRODUCT);
	}

	@Cacheable("products")
	public Optional<Product> find(long id) {
		return this.jdbc.query("select id, name, price from product where id = ?", PRODUCT, id).stream().findFirst();
	}

}
