package io.chronotrace.web.servlet;

import java.io.IOException;

import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;

import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;

/**
 * Ends, on embedded Tomcat, an exchange that waited for an error page that never came, once the
 * request has been through the whole engine, error page handling included: what the
 * {@link ErrorPageListener} does elsewhere, without a request listener, whose mere presence makes
 * Tomcat build an event for every request attribute set or removed, on every request of the
 * application. A request still in an async cycle is left to the cycle's listener.
 */
public final class RequestEndValve extends ValveBase implements RequestEndHook {

	private final TraceRecorder recorder;

	private volatile boolean installed;

	/**
	 * Creates the valve.
	 * @param recorder ends the exchanges
	 */
	public RequestEndValve(TraceRecorder recorder) {
		super(true);
		this.recorder = recorder;
	}

	/**
	 * Adds the valve to the engine of the server a factory makes. The recording filter then
	 * registers no request listener.
	 * @param factory the factory of the embedded server
	 */
	public void installIn(ConfigurableTomcatWebServerFactory factory) {
		factory.addEngineValves(this);
		this.installed = true;
	}

	/**
	 * Whether the valve was added to the server the application runs on; not when the
	 * application is deployed to a Tomcat of its own.
	 * @return whether the valve ends the requests
	 */
	@Override
	public boolean isInstalled() {
		return this.installed;
	}

	@Override
	public void invoke(Request request, Response response) throws IOException, ServletException {
		try {
			getNext().invoke(request, response);
		}
		finally {
			if (!request.isAsync()) {
				ErrorPageListener.requestEnded(request, this.recorder);
			}
		}
	}

}
