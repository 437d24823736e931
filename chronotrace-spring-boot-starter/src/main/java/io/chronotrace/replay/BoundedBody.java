package io.chronotrace.replay;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A replayed response's body, read up to a limit so that a replay holds no more of a response
 * in memory than capture would; beyond the limit the response is not read any further.
 *
 * @param bytes what was read, at most the limit
 * @param truncated whether the body went on beyond the limit
 */
record BoundedBody(byte[] bytes, boolean truncated) {

	/**
	 * A body handler that keeps at most {@code limit} bytes and then cancels the response.
	 * @param limit the most bytes to keep
	 * @return the handler
	 */
	static HttpResponse.BodyHandler<BoundedBody> handler(long limit) {
		return (info) -> new Subscriber(limit);
	}

	private static final class Subscriber implements HttpResponse.BodySubscriber<BoundedBody> {

		private final CompletableFuture<BoundedBody> body = new CompletableFuture<>();

		private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

		private long left;

		private Flow.Subscription subscription;

		Subscriber(long limit) {
			this.left = limit;
		}

		@Override
		public CompletionStage<BoundedBody> getBody() {
			return this.body;
		}

		@Override
		public void onSubscribe(Flow.Subscription subscription) {
			this.subscription = subscription;
			subscription.request(1);
		}

		@Override
		public void onNext(List<ByteBuffer> buffers) {
			for (ByteBuffer buffer : buffers) {
				int n = buffer.remaining();
				if (n > this.left) {
					byte[] kept = new byte[(int) this.left];
					buffer.get(kept);
					this.bytes.writeBytes(kept);
					this.subscription.cancel();
					this.body.complete(new BoundedBody(this.bytes.toByteArray(), true));
					return;
				}
				byte[] all = new byte[n];
				buffer.get(all);
				this.bytes.writeBytes(all);
				this.left -= n;
			}
			this.subscription.request(1);
		}

		@Override
		public void onError(Throwable failure) {
			this.body.completeExceptionally(failure);
		}

		@Override
		public void onComplete() {
			this.body.complete(new BoundedBody(this.bytes.toByteArray(), false));
		}

	}

}
