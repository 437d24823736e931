package io.chronotrace.sample.shop;

/**
 * How many of a product the warehouse has.
 *
 * @param productId the product
 * @param available the number in stock
 */
public record StockLevel(long productId, int available) {
}
