package io.chronotrace.sample.shop;

import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Stands in for the warehouse's stock API, which the shop calls over HTTP. */
@RestController
@RequestMapping("/api/warehouse")
public class WarehouseController {

	private static final Map<Long, Integer> STOCK = Map.of(1L, 12, 2L, 3, 3L, 140);

	@GetMapping("/stock/{productId}")
	public StockLevel stock(@PathVariable long productId) {
		return new StockLevel(productId, STOCK.getOrDefault(productId, 0));
	}

}
