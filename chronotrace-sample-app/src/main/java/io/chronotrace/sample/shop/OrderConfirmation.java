package io.chronotrace.sample.shop;

import java.math.BigDecimal;

/**
 * The answer to a placed order.
 *
 * @param orderId the new order's id
 * @param total the amount due
 * @param status the order status
 */
public record OrderConfirmation(String orderId, BigDecimal total, String status) {
}
