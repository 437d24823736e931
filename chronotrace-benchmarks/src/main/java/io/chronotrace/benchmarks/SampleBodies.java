package io.chronotrace.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Realistic bodies for the benchmarks, the same on every run. */
public final class SampleBodies {

	private static final String[] STATUSES = { "NEW", "PAID", "SHIPPED", "DELIVERED", "RETURNED" };

	private static final String[] CITIES = { "Springfield", "Zürich", "São Paulo", "Kraków", "Lyon", "Osaka" };

	private SampleBodies() {
	}

	/**
	 * The order that the HTTP load benchmark posts ({@code chronotrace-benchmark-app/load/post.lua}):
	 * 1,015 bytes of ASCII JSON with twelve order lines.
	 * @return the body
	 */
	public static String loadTestOrder() {
		StringBuilder json = new StringBuilder(1024);
		json.append("{\"orderId\":\"8b1f4c2e-77aa-4e0b-9d51-3f0c6a1b2d3e\",\"customer\":\"Zoe Martin\",\"lines\":[");
		for (int i = 1; i <= 12; i++) {
			if (i > 1) {
				json.append(',');
			}
			json.append("{\"productId\":").append(i).append(",\"quantity\":").append(i % 3 + 1)
				.append(",\"note\":\"gift wrap, deliver to the side door\"}");
		}
		return json.append("],\"comment\":\"please call before delivery\"}").toString();
	}

	/**
	 * A page of orders as an API returns it, about {@code size} bytes of UTF-8 JSON: nested
	 * objects and arrays, numbers, booleans, nulls, non-ASCII text, and a few secrets (e-mail
	 * addresses, phone numbers, card numbers and tokens) in every order.
	 * @param size the approximate size in bytes
	 * @return the body
	 */
	public static byte[] ordersJson(int size) {
		Random random = new Random(42);
		StringBuilder json = new StringBuilder(size + 4096);
		json.append("{\"page\":1,\"pageSize\":500,\"orders\":[");
		for (int i = 0; json.length() < size; i++) {
			if (i > 0) {
				json.append(',');
			}
			json.append("{\"id\":").append(100_000 + i)
				.append(",\"createdAt\":\"2025-06-").append(10 + i % 20).append("T12:").append(10 + i % 50)
				.append(":00Z\",\"status\":\"").append(STATUSES[i % STATUSES.length])
				.append("\",\"customer\":{\"id\":").append(random.nextInt(1_000_000))
				.append(",\"name\":\"Customer ").append(i).append("\",\"email\":\"customer").append(i)
				.append("@example.com\",\"phone\":\"+1 555 0100 ").append(i % 100)
				.append("\",\"address\":{\"street\":\"").append(i % 300).append(" Main Street\",\"city\":\"")
				.append(CITIES[i % CITIES.length]).append("\",\"zip\":\"").append(10_000 + random.nextInt(89_999))
				.append("\",\"country\":\"US\"}},\"items\":[");
			int items = 1 + random.nextInt(4);
			for (int j = 0; j < items; j++) {
				if (j > 0) {
					json.append(',');
				}
				json.append("{\"sku\":\"SKU-").append(random.nextInt(10_000)).append("\",\"name\":\"Widget ")
					.append(j).append(" – größer\",\"quantity\":").append(1 + random.nextInt(5))
					.append(",\"price\":").append(random.nextInt(10_000) / 100.0)
					.append(",\"tags\":[\"home\",\"garden\"],\"discount\":null}");
			}
			json.append("],\"payment\":{\"method\":\"card\",\"card_number\":\"4111 1111 1111 1111\",\"token\":\"tok_")
				.append(Long.toHexString(random.nextLong()))
				.append("\"},\"notes\":\"Leave at the door; call before delivery, or write to ops")
				.append(i % 7).append("@example.org if nobody answers.\",\"gift\":").append(i % 3 == 0)
				.append(",\"coupon\":null,\"total\":").append(random.nextInt(100_000) / 100.0).append('}');
		}
		json.append("]}");
		return json.toString().getBytes(StandardCharsets.UTF_8);
	}

}
