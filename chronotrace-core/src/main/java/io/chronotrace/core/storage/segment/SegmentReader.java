package io.chronotrace.core.storage.segment;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

import io.chronotrace.core.storage.TraceLayout;
import io.chronotrace.core.storage.segment.SegmentFormat.RecordLocation;
import io.chronotrace.core.storage.segment.SegmentIndexes.Hit;
import io.chronotrace.core.storage.segment.SegmentIndexes.Located;
import io.chronotrace.core.support.BoundedInputStream;
import io.chronotrace.core.trace.Trace;
import io.chronotrace.core.trace.TraceCodec;
import io.chronotrace.core.trace.TraceId;

/**
 * Reads one trace, or an attachment of it, from its segment: the newest version its id's
 * indexes point at.
 */
final class SegmentReader {

	private final SegmentDirectory directory;

	private final SegmentIndexes indexes;

	SegmentReader(SegmentDirectory directory, SegmentIndexes indexes) {
		this.directory = directory;
		this.indexes = indexes;
	}

	Optional<Trace> retrieve(TraceId id) {
		Optional<Hit> hit = this.indexes.findLive(id);
		if (hit.isEmpty()) {
			return Optional.empty();
		}
		Hit found = hit.get();
		Path file = this.directory.segmentFile(found.day(), found.base());
		try {
			byte[] json = SegmentFormat.readRecord(ByteSource.of(file), found.entry().location());
			Trace trace = TraceCodec.get().readTrace(json);
			if (!trace.id().equals(id)) {
				this.directory.warnOnce(file + "@" + found.entry().location().frameOffset(), "Skipping a record of " + file
						+ " in local trace storage: it holds another trace, " + trace.id());
				return Optional.empty();
			}
			return Optional.of(trace);
		}
		catch (NoSuchFileException ex) {
			return Optional.empty(); // purged meanwhile
		}
		catch (IOException | RuntimeException ex) {
			this.directory.warnOnce(file + "@" + found.entry().location().frameOffset(), "Skipping trace " + id + " in " + file
					+ " of local trace storage: it cannot be read: " + SegmentDirectory.describe(ex));
			return Optional.empty();
		}
	}

	Optional<InputStream> openAttachment(TraceId id, String name) {
		if (!TraceLayout.isAttachmentName(name)) {
			return Optional.empty();
		}
		Optional<Hit> hit = this.indexes.findLive(id);
		if (hit.isEmpty()) {
			return Optional.empty();
		}
		Hit found = hit.get();
		for (Located entry : found.tables().entriesOf(found.entry().idMsb(), found.entry().idLsb())) {
			if (entry.entry().kind() == IndexEntry.ATTACHMENT && entry.entry().version() == found.entry().version()
					&& entry.entry().path().equals(name)) {
				return openAttachment(this.directory.segmentFile(found.day(), entry.base()), entry.entry());
			}
		}
		return Optional.empty();
	}

	private Optional<InputStream> openAttachment(Path file, IndexEntry entry) {
		try {
			FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
			try {
				RecordLocation location = entry.location();
				channel.position(location.frameOffset());
				InputStream frame = new java.io.BufferedInputStream(
						new BoundedInputStream(Channels.newInputStream(channel), location.frameLength()), 64 * 1024);
				return Optional.of(AttachmentFrameReader.open(frame, location));
			}
			catch (IOException | RuntimeException ex) {
				channel.close();
				throw ex;
			}
		}
		catch (NoSuchFileException ex) {
			return Optional.empty();
		}
		catch (IOException ex) {
			this.directory.warnOnce(file + "@" + entry.location().frameOffset(),
					"Skipping attachment " + entry.path() + " of trace " + entry.id() + " in " + file
							+ " of local trace storage: " + SegmentDirectory.describe(ex));
			return Optional.empty();
		}
	}

}
