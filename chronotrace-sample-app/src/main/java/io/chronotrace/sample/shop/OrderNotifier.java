package io.chronotrace.sample.shop;

import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;

/** Sends order confirmations, off the request thread. */
@Component
public class OrderNotifier {

	private static final Logger logger = LoggerFactory.getLogger(OrderNotifier.class);

	@Async
	public CompletableFuture<Void> sendConfirmation(String orderId) {
		logger.info("Sending confirmation of order {}", orderId);
		return CompletableFuture.completedFuture(null);
	}

}
