package io.chronotrace.sample.shop;

import java.math.BigDecimal;

/**
 * A product of the shop.
 *
 * @param id the id
 * @param name the name
 * @param price the unit price
 */
public record Product(long id, String name, BigDecimal price) {
}
