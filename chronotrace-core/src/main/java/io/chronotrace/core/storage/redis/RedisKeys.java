package io.chronotrace.core.storage.redis;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;

import io.chronotrace.core.storage.TraceLayout;
import io.chronotrace.core.trace.TraceId;

/**
 * The keys of the Redis layout, all under one prefix {@code p}:
 * <pre>
 * {p}trace:{id}                 the trace, gzip JSON; expires after the retention period
 * {p}att:{{id}}:{name}          an attachment (a flag byte, then the bytes); same expiry
 * {p}day:{yyyy-MM-dd}           sorted set: ids of the day by start time in microseconds
 * {p}summaries:{yyyy-MM-dd}     hash: id to summary JSON, what a listing reads
 * {p}attachments:{yyyy-MM-dd}   set: "id/name" of the day's attachments, for delete and purge
 * {p}bytes:{yyyy-MM-dd}         counter: bytes written that day, for the size cap
 * {p}days                       sorted set: the days that have an index, by epoch day
 * </pre>
 * The braces around the id in attachment keys are a cluster hash tag: an attachment and its
 * temporary key (written first, then renamed) live in the same slot.
 */
final class RedisKeys {

	private final String prefix;

	RedisKeys(String prefix) {
		this.prefix = prefix;
	}

	byte[] trace(TraceId id) {
		return bytes("trace:" + id);
	}

	byte[] attachment(TraceId id, String name) {
		return bytes(attachmentSuffix(id, name));
	}

	byte[] attachment(String member) {
		int slash = member.indexOf('/');
		return bytes(attachmentSuffix(TraceId.parse(member.substring(0, slash)), member.substring(slash + 1)));
	}

	byte[] attachmentInProgress(TraceId id, String name) {
		return bytes(attachmentSuffix(id, name) + ":writing");
	}

	static String attachmentMember(TraceId id, String name) {
		return id + "/" + name;
	}

	/**
	 * The trace id of a member of a day's attachment set.
	 * @param member {@code id/name}
	 * @return the id, as text
	 */
	static String traceOf(byte[] member) {
		String text = text(member);
		int slash = text.indexOf('/');
		return (slash < 0) ? text : text.substring(0, slash);
	}

	byte[] day(LocalDate day) {
		return bytes("day:" + TraceLayout.dayFolder(day));
	}

	byte[] summaries(LocalDate day) {
		return bytes("summaries:" + TraceLayout.dayFolder(day));
	}

	byte[] attachments(LocalDate day) {
		return bytes("attachments:" + TraceLayout.dayFolder(day));
	}

	byte[] size(LocalDate day) {
		return bytes("bytes:" + TraceLayout.dayFolder(day));
	}

	byte[] days() {
		return bytes("days");
	}

	/** The key of the health probe, which expires on its own. */
	byte[] probe() {
		return bytes("probe:" + java.util.UUID.randomUUID());
	}

	String prefix() {
		return this.prefix;
	}

	/**
	 * The score of a start time in a day's sorted set: epoch microseconds, which a double holds
	 * exactly until the year 2255.
	 * @param instant the start time
	 * @return the score
	 */
	static long micros(Instant instant) {
		return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000);
	}

	static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

	private String attachmentSuffix(TraceId id, String name) {
		return "att:{" + id + "}:" + name;
	}

	private byte[] bytes(String suffix) {
		return utf8(this.prefix + suffix);
	}

}
