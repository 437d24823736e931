-- ChronoTrace traces on MariaDB. One row per trace: the columns a listing filters on, and the
-- trace itself (JSON, gzip-compressed when compression is on) in "trace". Times are UTC.
CREATE TABLE IF NOT EXISTS %TABLE_NAME% (
	id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	start_time DATETIME(6) NOT NULL,
	start_nanos INTEGER NOT NULL,
	duration_micros BIGINT NOT NULL,
	application VARCHAR(255),
	method VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	path VARCHAR(1024) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
	status SMALLINT NOT NULL,
	has_exception BOOLEAN NOT NULL,
	exception_type VARCHAR(512),
	event_count INTEGER NOT NULL,
	stored_bytes BIGINT NOT NULL,
	trace MEDIUMBLOB NOT NULL,
	origin VARCHAR(16),
	origin_trace_id VARCHAR(36),
	PRIMARY KEY (id),
	INDEX %TABLE_NAME%_newest_idx (start_time DESC, start_nanos DESC, id DESC),
	INDEX %TABLE_NAME%_status_idx (status, start_time DESC),
	INDEX %TABLE_NAME%_path_idx (path(255))
);

-- Large bodies, cut into chunks so that neither writing nor reading holds one whole in memory.
CREATE TABLE IF NOT EXISTS %TABLE_NAME%_attachments (
	trace_id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	start_time DATETIME(6) NOT NULL,
	name VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	chunk INTEGER NOT NULL,
	gzip BOOLEAN NOT NULL,
	content MEDIUMBLOB NOT NULL,
	PRIMARY KEY (trace_id, name, chunk)
);
