package io.chronotrace.core.storage.segment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import io.chronotrace.core.storage.segment.SegmentFormat.RecordLocation;
import io.chronotrace.core.trace.TraceId;
import io.chronotrace.core.trace.TraceOrigin;
import org.jspecify.annotations.Nullable;

/**
 * Encodes and decodes index files: a header, then one frame per batch of entries.
 * <pre>
 * entry = kind(1) idMsb(8) idLsb(8) version(8) frameOffset(8) frameLength(4) recordOffset(4)
 *         recordLength(4) startSecond(8) startNano(4) durationMicros(8) status(4) eventCount(4)
 *         method path application exceptionType          (each: length(4, -1 for null) UTF-8)
 *         [origin(1) hasOriginTraceId(1) [originTraceIdMsb(8) originTraceIdLsb(8)]]
 * </pre>
 * The origin part is there only when the kind has {@link #ORIGIN_FLAG} set, for a trace that is
 * not an ordinary request: entries of ordinary requests are written as before origins existed,
 * and entries written before read as ordinary requests. Origins are coded 1 (replay), 2
 * (self-call) and 3 (generated test); an unknown code reads as an ordinary request.
 */
public final class IndexCodec {

	/** The bytes of an entry before its strings. */
	private static final int FIXED_ENTRY_BYTES = 1 + 8 * 3 + 8 + 4 * 3 + 8 + 4 + 8 + 4 * 2;

	/** The bit of an entry's kind that says an origin follows its strings. */
	static final byte ORIGIN_FLAG = 0x40;

	private IndexCodec() {
	}

	/**
	 * The frame of a batch of entries, ready to append to an index file.
	 * @param entries the entries
	 * @return the frame
	 */
	public static byte[] frame(List<IndexEntry> entries) {
		// one array, the frame prefix filled in last: an index frame is written per batch
		ByteBuffer out = ByteBuffer.allocate(SegmentFormat.FRAME_PREFIX + entries.size() * 160);
		out.position(SegmentFormat.FRAME_PREFIX);
		for (IndexEntry entry : entries) {
			out = room(out, FIXED_ENTRY_BYTES);
			boolean origin = entry.origin() != TraceOrigin.REQUEST;
			out.put(origin ? (byte) (entry.kind() | ORIGIN_FLAG) : entry.kind())
				.putLong(entry.idMsb())
				.putLong(entry.idLsb())
				.putLong(entry.version())
				.putLong(entry.location().frameOffset())
				.putInt(entry.location().frameLength())
				.putInt(entry.location().recordOffset())
				.putInt(entry.location().recordLength())
				.putLong(entry.startSecond())
				.putInt(entry.startNano())
				.putLong(entry.durationMicros())
				.putInt(entry.status())
				.putInt(entry.eventCount());
			out = writeString(out, entry.method());
			out = writeString(out, entry.path());
			out = writeString(out, entry.application());
			out = writeString(out, entry.exceptionType());
			if (origin) {
				out = writeOrigin(out, entry.origin(), entry.originTraceId());
			}
		}
		int length = out.position() - SegmentFormat.FRAME_PREFIX;
		byte[] frame = out.array();
		ByteBuffer.wrap(frame).putInt(length).putInt(SegmentFormat.crc(frame, SegmentFormat.FRAME_PREFIX, length));
		return (out.position() == frame.length) ? frame : Arrays.copyOf(frame, out.position());
	}

	private static ByteBuffer room(ByteBuffer out, int needed) {
		if (out.remaining() >= needed) {
			return out;
		}
		ByteBuffer larger = ByteBuffer.allocate(Math.max(out.capacity() * 2, out.position() + needed));
		return larger.put(out.array(), 0, out.position());
	}

	private static ByteBuffer writeOrigin(ByteBuffer out, TraceOrigin origin, @Nullable TraceId traceId) {
		out = room(out, 2 + 16).put((byte) origin.ordinal()).put((byte) ((traceId != null) ? 1 : 0));
		if (traceId != null) {
			out.putLong(traceId.uuid().getMostSignificantBits()).putLong(traceId.uuid().getLeastSignificantBits());
		}
		return out;
	}

	private static ByteBuffer writeString(ByteBuffer out, @Nullable String value) {
		if (value == null) {
			return room(out, 4).putInt(-1);
		}
		byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
		return room(out, 4 + bytes.length).putInt(bytes.length).put(bytes);
	}

	/**
	 * Decodes an index file's frames from a position, stopping at the first torn frame.
	 * @param file the file's bytes
	 * @param from where the frames start (after the header)
	 * @param sink receives the entries of each whole frame
	 * @return the end of the last whole frame: where a torn tail, if any, starts
	 */
	public static int read(byte[] file, int from, java.util.function.Consumer<IndexEntry> sink) {
		int position = from;
		// methods, applications and most paths repeat: one String each keeps parsed indexes small
		java.util.Map<String, String> strings = new java.util.HashMap<>();
		while (position + SegmentFormat.FRAME_PREFIX <= file.length) {
			ByteBuffer prefix = ByteBuffer.wrap(file, position, SegmentFormat.FRAME_PREFIX);
			int length = prefix.getInt();
			int crc = prefix.getInt();
			int bodyStart = position + SegmentFormat.FRAME_PREFIX;
			if (length < 0 || length > file.length - bodyStart || SegmentFormat.crc(file, bodyStart, length) != crc) {
				break;
			}
			List<IndexEntry> entries = new ArrayList<>();
			try {
				ByteBuffer body = ByteBuffer.wrap(file, bodyStart, length);
				while (body.hasRemaining()) {
					entries.add(readEntry(body, strings));
				}
			}
			catch (BufferUnderflowException | IllegalArgumentException ex) {
				break;
			}
			entries.forEach(sink);
			position = bodyStart + length;
		}
		return position;
	}

	private static IndexEntry readEntry(ByteBuffer in, java.util.Map<String, String> strings) {
		byte flaggedKind = in.get();
		byte kind = (byte) (flaggedKind & ~ORIGIN_FLAG);
		long msb = in.getLong();
		long lsb = in.getLong();
		long version = in.getLong();
		RecordLocation location = new RecordLocation(in.getLong(), in.getInt(), in.getInt(), in.getInt());
		long startSecond = in.getLong();
		int startNano = in.getInt();
		long duration = in.getLong();
		int status = in.getInt();
		int events = in.getInt();
		String method = shared(readString(in), strings);
		String path = shared(readString(in), strings);
		String application = shared(readString(in), strings);
		String exception = shared(readString(in), strings);
		TraceOrigin origin = TraceOrigin.REQUEST;
		TraceId originTraceId = null;
		if ((flaggedKind & ORIGIN_FLAG) != 0) {
			int code = in.get();
			boolean hasTraceId = in.get() != 0;
			origin = (code > 0 && code < TraceOrigin.values().length) ? TraceOrigin.values()[code] : TraceOrigin.REQUEST;
			if (hasTraceId) {
				originTraceId = TraceId.parse(new UUID(in.getLong(), in.getLong()).toString());
			}
		}
		return new IndexEntry(kind, msb, lsb, version, location, startSecond, startNano, duration, status, events,
				(method != null) ? method : "", (path != null) ? path : "", application, exception, origin,
				originTraceId);
	}

	private static @Nullable String shared(@Nullable String value, java.util.Map<String, String> strings) {
		if (value == null || strings.size() > 100_000) {
			return value;
		}
		String known = strings.putIfAbsent(value, value);
		return (known != null) ? known : value;
	}

	private static @Nullable String readString(ByteBuffer in) {
		int length = in.getInt();
		if (length < 0) {
			return null;
		}
		if (length > in.remaining()) {
			throw new IllegalArgumentException("string runs past its frame");
		}
		String value = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
		in.position(in.position() + length);
		return value;
	}

}
