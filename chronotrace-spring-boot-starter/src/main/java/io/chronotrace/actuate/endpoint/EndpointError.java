package io.chronotrace.actuate.endpoint;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.util.MimeTypeUtils;

/**
 * The JSON body of a refused request: {@code {"status":400,"error":"Bad Request","message":"..."}}.
 *
 * @param status the HTTP status
 * @param error the reason phrase
 * @param message what was wrong, for the person who sent it
 */
public record EndpointError(int status, String error, String message) implements OperationResponseBody {

	/**
	 * A 400 answer with a message.
	 * @param message what was wrong
	 * @return the response
	 */
	static WebEndpointResponse<Object> badRequest(String message) {
		return new WebEndpointResponse<>(new EndpointError(400, "Bad Request", message),
				WebEndpointResponse.STATUS_BAD_REQUEST, MimeTypeUtils.APPLICATION_JSON);
	}

	/**
	 * A 503 answer: the storage could not be reached.
	 * @param message what failed, as the storage tells it
	 * @return the response
	 */
	static WebEndpointResponse<Object> unavailable(String message) {
		return new WebEndpointResponse<>(new EndpointError(503, "Service Unavailable", message),
				WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE, MimeTypeUtils.APPLICATION_JSON);
	}

	/**
	 * A 404 answer with a message.
	 * @param message what was not found
	 * @return the response
	 */
	static WebEndpointResponse<Object> notFound(String message) {
		return new WebEndpointResponse<>(new EndpointError(404, "Not Found", message),
				WebEndpointResponse.STATUS_NOT_FOUND, MimeTypeUtils.APPLICATION_JSON);
	}

	/**
	 * A 403 answer: the operation is understood and refused by the configuration.
	 * @param message why, naming the property that would allow it
	 * @return the response
	 */
	static WebEndpointResponse<Object> forbidden(String message) {
		return new WebEndpointResponse<>(new EndpointError(403, "Forbidden", message), 403,
				MimeTypeUtils.APPLICATION_JSON);
	}

}
