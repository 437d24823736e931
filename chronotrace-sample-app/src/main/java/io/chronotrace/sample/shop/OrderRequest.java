package io.chronotrace.sample.shop;

import java.util.List;

/**
 * An order placed by a customer.
 *
 * @param customerEmail the customer's e-mail address
 * @param lines the ordered products
 */
public record OrderRequest(String customerEmail, List<Line> lines) {

	/**
	 * One ordered product.
	 *
	 * @param productId the product
	 * @param quantity how many
	 */
	public record Line(long productId, int quantity) {
	}

}
