package io.chronotrace.core.storage;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceAttachment;
import io.chronotrace.core.trace.TraceId;

/**
 * The layout every file and object backend shares, from the ChronoTrace storage guide:
 * <pre>
 * {root}/{yyyy-MM-dd}/{traceId}/trace.json      (trace.json.gz when compressed)
 * {root}/{yyyy-MM-dd}/{traceId}/metadata.json   (the summary a listing reads)
 * {root}/{yyyy-MM-dd}/{traceId}/{attachment}    (bodies over max-payload-size; .gz when compressed)
 * </pre>
 * Days are UTC dates of the request start, so instances in different time zones writing to one
 * bucket agree on where a trace lives.
 */
public final class TraceLayout {

	/** The file name of an uncompressed trace. */
	public static final String TRACE_FILE = "trace.json";

	/** The file name of a compressed trace. */
	public static final String COMPRESSED_TRACE_FILE = "trace.json.gz";

	/** The file name of the summary. */
	public static final String METADATA_FILE = "metadata.json";

	/** The suffix of compressed attachments. */
	public static final String GZIP_SUFFIX = ".gz";

	private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE;

	private TraceLayout() {
	}

	/**
	 * The day folder name of an instant.
	 * @param instant the instant
	 * @return {@code yyyy-MM-dd} in UTC
	 */
	public static String dayFolder(Instant instant) {
		return DAY.format(dayOf(instant));
	}

	/**
	 * The UTC day of an instant.
	 * @param instant the instant
	 * @return the day
	 */
	public static LocalDate dayOf(Instant instant) {
		return LocalDate.ofInstant(instant, ZoneOffset.UTC);
	}

	/**
	 * The day folder name of a date.
	 * @param day the day
	 * @return {@code yyyy-MM-dd}
	 */
	public static String dayFolder(LocalDate day) {
		return DAY.format(day);
	}

	/**
	 * Parses a day folder name.
	 * @param name the folder name
	 * @return the day, or empty when the name is not a day folder
	 */
	public static Optional<LocalDate> parseDay(String name) {
		if (name.length() != 10) {
			return Optional.empty();
		}
		try {
			return Optional.of(LocalDate.parse(name, DAY));
		}
		catch (DateTimeParseException ex) {
			return Optional.empty();
		}
	}

	/**
	 * The first instant of a day.
	 * @param day the day
	 * @return its start in UTC
	 */
	public static Instant startOf(LocalDate day) {
		return day.atStartOfDay(ZoneOffset.UTC).toInstant();
	}

	/**
	 * The day a trace lives under, known from its id alone when the id is time-ordered.
	 * @param id the trace id
	 * @return the day, or empty for ids that carry no time
	 */
	public static Optional<LocalDate> dayOf(TraceId id) {
		return id.timestamp().map(TraceLayout::dayOf);
	}

	/**
	 * The relative key of a trace folder: {@code yyyy-MM-dd/traceId}.
	 * @param day the day
	 * @param id the trace id
	 * @return the key
	 */
	public static String traceFolder(LocalDate day, TraceId id) {
		return dayFolder(day) + "/" + id;
	}

	/**
	 * The trace file name for a compression setting.
	 * @param compressed whether traces are compressed
	 * @return {@code trace.json.gz} or {@code trace.json}
	 */
	public static String traceFile(boolean compressed) {
		return compressed ? COMPRESSED_TRACE_FILE : TRACE_FILE;
	}

	/**
	 * Tells whether a name can be an attachment's: a valid attachment name
	 * ({@link TraceAttachment#isValidName}) that is not, and does not compress to, the name of
	 * {@code trace.json} or {@code metadata.json}. Backends check names that arrive from outside
	 * with it, so that no name reaches another trace or a trace's own files.
	 * @param name the name
	 * @return whether it may name an attachment
	 */
	public static boolean isAttachmentName(String name) {
		return TraceAttachment.isValidName(name) && !isTraceFile(name) && !isTraceFile(attachmentFile(name, true));
	}

	/**
	 * Why a trace cannot be stored in this layout: an attachment with a reserved name or a name
	 * used twice, or a time-ordered id made for another millisecond than the trace's start,
	 * which would file the trace under a day where neither its id nor a listing looks.
	 * @param trace the trace
	 * @return the reason, or empty when the trace can be stored
	 */
	public static Optional<String> unstorableReason(Trace trace) {
		Set<String> names = trace.attachments().isEmpty() ? Set.of() : new HashSet<>();
		for (TraceAttachment attachment : trace.attachments()) {
			if (!isAttachmentName(attachment.name()) || !names.add(attachment.name())) {
				return Optional.of("attachment name '" + attachment.name() + "' is reserved or used twice");
			}
		}
		UUID id = trace.id().uuid();
		// the bits rather than timestamp(): this runs for every stored trace
		if (id.version() == 7 && (id.getMostSignificantBits() >>> 16) != trace.startTime().toEpochMilli()) {
			return Optional.of("its time-ordered id was made for " + trace.id().timestamp().orElseThrow()
					+ " but the trace started at " + trace.startTime() + " (ids come from TraceId.create(startTime))");
		}
		return Optional.empty();
	}

	private static boolean isTraceFile(String name) {
		return TRACE_FILE.equals(name) || COMPRESSED_TRACE_FILE.equals(name) || METADATA_FILE.equals(name)
				|| (METADATA_FILE + GZIP_SUFFIX).equals(name);
	}

	/**
	 * The stored file name of an attachment.
	 * @param name the attachment name
	 * @param compressed whether it is compressed
	 * @return the file name
	 */
	public static String attachmentFile(String name, boolean compressed) {
		return compressed ? name + GZIP_SUFFIX : name;
	}

}
