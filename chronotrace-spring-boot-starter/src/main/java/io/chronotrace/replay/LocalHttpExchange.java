package io.chronotrace.replay;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP/1.1 exchange with this application's own server, over a plain socket, so that the
 * replay can send the {@code Host} the original request carried: the JDK's clients refuse to set
 * it, and an application builds its absolute URLs ({@code Location}, links, a problem's
 * {@code type}) from it. Every header line is checked before it is sent (no line break can
 * smuggle a second request into the connection), the whole exchange has one deadline, and the
 * body is read up to a limit.
 */
final class LocalHttpExchange {

	private static final int MAX_LINE = 64 * 1024;

	private static final int MAX_HEADERS = 500;

	private LocalHttpExchange() {
	}

	/**
	 * Sends a request and reads its response.
	 * @param server the server's base URL, such as {@code http://localhost:8080}
	 * @param request what to send: its path, headers (the {@code Host} among them) and body
	 * @param timeout how long the whole exchange may take
	 * @param maxBodySize the most body bytes read
	 * @return the response
	 * @throws IOException when the server cannot be reached or answers something that is not
	 * HTTP
	 * @throws SocketTimeoutException when the deadline passes first
	 */
	static ReplayAnswer send(URI server, Request request, Duration timeout, long maxBodySize) throws IOException {
		long deadline = System.nanoTime() + timeout.toNanos();
		int port = (server.getPort() > 0) ? server.getPort() : 80;
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(server.getHost(), port), millisLeft(deadline));
			OutputStream out = socket.getOutputStream();
			out.write(head(request));
			out.write(request.body());
			out.flush();
			InputStream in = new DeadlineInputStream(new BufferedInputStream(socket.getInputStream()), socket, deadline);
			return read(in, request.method(), maxBodySize);
		}
	}

	private static byte[] head(Request request) {
		StringBuilder head = new StringBuilder(512);
		head.append(request.method()).append(' ').append(request.target()).append(" HTTP/1.1\r\n");
		head.append("Host: ").append(request.host()).append("\r\n");
		for (Map.Entry<String, List<String>> header : request.headers().entrySet()) {
			for (String value : header.getValue()) {
				head.append(header.getKey()).append(": ").append(value).append("\r\n");
			}
		}
		boolean bodyExpected = request.body().length > 0 || !List.of("GET", "HEAD", "OPTIONS", "DELETE", "TRACE")
			.contains(request.method());
		if (bodyExpected) {
			head.append("Content-Length: ").append(request.body().length).append("\r\n");
		}
		head.append("Connection: close\r\n\r\n");
		return head.toString().getBytes(StandardCharsets.ISO_8859_1);
	}

	private static ReplayAnswer read(InputStream in, String method, long maxBodySize) throws IOException {
		while (true) {
			String statusLine = line(in);
			String[] parts = statusLine.split(" ", 3);
			if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
				throw new IOException("the server answered something that is not HTTP/1.1: "
						+ statusLine.substring(0, Math.min(statusLine.length(), 64)));
			}
			int status = parseStatus(parts[1]);
			Map<String, List<String>> headers = headers(in);
			if (status >= 100 && status < 200) {
				continue; // an interim answer (103 Early Hints): the real one follows
			}
			boolean bodiless = method.equals("HEAD") || status == 204 || status == 304;
			BoundedBody body = bodiless ? new BoundedBody(new byte[0], false) : body(in, headers, maxBodySize);
			return new ReplayAnswer(status, headers, body);
		}
	}

	private static int parseStatus(String text) throws IOException {
		try {
			int status = Integer.parseInt(text);
			if (status >= 100 && status <= 999) {
				return status;
			}
		}
		catch (NumberFormatException ex) {
			// answered below
		}
		throw new IOException("the server answered an invalid status '" + text + "'");
	}

	private static Map<String, List<String>> headers(InputStream in) throws IOException {
		Map<String, List<String>> headers = new LinkedHashMap<>();
		Map<String, String> names = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		for (int count = 0;; count++) {
			String line = line(in);
			if (line.isEmpty()) {
				return headers;
			}
			int colon = line.indexOf(':');
			if (colon <= 0 || count >= MAX_HEADERS) {
				throw new IOException("the server answered an invalid header line");
			}
			String name = names.computeIfAbsent(line.substring(0, colon).trim(), (first) -> first);
			headers.computeIfAbsent(name, (key) -> new ArrayList<>()).add(line.substring(colon + 1).trim());
		}
	}

	private static BoundedBody body(InputStream in, Map<String, List<String>> headers, long limit) throws IOException {
		String encoding = first(headers, "Transfer-Encoding");
		if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
			return chunked(in, limit);
		}
		String length = first(headers, "Content-Length");
		long size = -1;
		if (length != null) {
			try {
				size = Long.parseLong(length.trim());
			}
			catch (NumberFormatException ex) {
				throw new IOException("the server answered an invalid Content-Length '" + length + "'");
			}
		}
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		boolean truncated = copy(in, body, (size >= 0) ? size : Long.MAX_VALUE, limit);
		return new BoundedBody(body.toByteArray(), truncated);
	}

	private static BoundedBody chunked(InputStream in, long limit) throws IOException {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		while (true) {
			String line = line(in);
			int extension = line.indexOf(';');
			long size;
			try {
				size = Long.parseLong(((extension >= 0) ? line.substring(0, extension) : line).trim(), 16);
			}
			catch (NumberFormatException ex) {
				throw new IOException("the server answered an invalid chunk size");
			}
			if (size == 0) {
				headers(in); // trailers
				return new BoundedBody(body.toByteArray(), false);
			}
			if (copy(in, body, size, limit)) {
				return new BoundedBody(body.toByteArray(), true);
			}
			line(in); // the chunk's line break
		}
	}

	/**
	 * Copies up to {@code size} bytes, keeping at most {@code limit} in all.
	 * @return whether the limit cut the body
	 */
	private static boolean copy(InputStream in, ByteArrayOutputStream body, long size, long limit) throws IOException {
		byte[] buffer = new byte[8192];
		long left = size;
		while (left > 0) {
			int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
			if (n < 0) {
				if (size == Long.MAX_VALUE) {
					return false; // the connection's end ends a body of no declared length
				}
				throw new IOException("the server closed the connection before the end of the body");
			}
			long room = limit - body.size();
			if (n > room) {
				body.write(buffer, 0, (int) room);
				return true;
			}
			body.write(buffer, 0, n);
			left -= n;
		}
		return false;
	}

	private static String line(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream(128);
		while (true) {
			int b = in.read();
			if (b < 0) {
				throw new IOException("the server closed the connection before it answered");
			}
			if (b == '\n') {
				byte[] bytes = line.toByteArray();
				int end = (bytes.length > 0 && bytes[bytes.length - 1] == '\r') ? bytes.length - 1 : bytes.length;
				return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
			}
			if (line.size() >= MAX_LINE) {
				throw new IOException("the server answered a line longer than " + MAX_LINE + " bytes");
			}
			line.write(b);
		}
	}

	private static String first(Map<String, List<String>> headers, String name) {
		for (Map.Entry<String, List<String>> header : headers.entrySet()) {
			if (header.getKey().equalsIgnoreCase(name) && !header.getValue().isEmpty()) {
				return header.getValue().get(0);
			}
		}
		return null;
	}

	private static int millisLeft(long deadline) throws SocketTimeoutException {
		long left = (deadline - System.nanoTime()) / 1_000_000;
		if (left <= 0) {
			throw new SocketTimeoutException("the deadline passed");
		}
		return (int) Math.min(left, Integer.MAX_VALUE);
	}

	/**
	 * Whether a header may be sent as it is: a name of token characters, a value with no line
	 * break or other control character than a tab.
	 * @param name the name
	 * @param value the value
	 * @return whether the line is safe
	 */
	static boolean isSendable(String name, String value) {
		if (name.isEmpty()) {
			return false;
		}
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			if (c <= ' ' || c >= 0x7f || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
				return false;
			}
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if ((c < ' ' && c != '\t') || c == 0x7f || c > 0xff) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Whether text may be sent as a request target: printable ASCII, no space.
	 * @param target the path and query
	 * @return whether it is safe
	 */
	static boolean isSendableTarget(String target) {
		if (target.isEmpty() || target.charAt(0) != '/') {
			return false;
		}
		return target.chars().allMatch((c) -> c > ' ' && c < 0x7f);
	}

	/**
	 * What to send.
	 *
	 * @param method the method
	 * @param target the path and query, as sent on the request line
	 * @param host the {@code Host} header
	 * @param headers the other headers, each checked by {@link #isSendable}
	 * @param body the body
	 */
	record Request(String method, String target, String host, Map<String, List<String>> headers, byte[] body) {
	}

	/** Reads under one deadline: each read may wait only for the time left. */
	private static final class DeadlineInputStream extends InputStream {

		private final InputStream in;

		private final Socket socket;

		private final long deadline;

		DeadlineInputStream(InputStream in, Socket socket, long deadline) {
			this.in = in;
			this.socket = socket;
			this.deadline = deadline;
		}

		@Override
		public int read() throws IOException {
			this.socket.setSoTimeout(millisLeft(this.deadline));
			return this.in.read();
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			this.socket.setSoTimeout(millisLeft(this.deadline));
			return this.in.read(buffer, offset, length);
		}

	}

}
