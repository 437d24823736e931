-- ChronoTrace traces on PostgreSQL. One row per trace: the columns a listing filters on, and the
-- trace itself (JSON, gzip-compressed when compression is on) in "trace". Both tables are
-- partitioned by day of start time; ChronoTrace creates each day's partition before the first
-- write of that day (%TABLE_NAME%_yyyymmdd) and purges by dropping whole partitions.
CREATE TABLE IF NOT EXISTS %TABLE_NAME% (
	id UUID NOT NULL,
	start_time TIMESTAMPTZ NOT NULL,
	start_nanos INTEGER NOT NULL,
	duration_micros BIGINT NOT NULL,
	application VARCHAR(255),
	method VARCHAR(32) NOT NULL,
	path VARCHAR(1024) NOT NULL,
	status SMALLINT NOT NULL,
	has_exception BOOLEAN NOT NULL,
	exception_type VARCHAR(512),
	event_count INTEGER NOT NULL,
	stored_bytes BIGINT NOT NULL,
	trace BYTEA NOT NULL,
	origin VARCHAR(16),
	origin_trace_id VARCHAR(36),
	PRIMARY KEY (id, start_time)
) PARTITION BY RANGE (start_time);

CREATE INDEX IF NOT EXISTS %TABLE_NAME%_newest_idx ON %TABLE_NAME% (start_time DESC, start_nanos DESC, id DESC);

CREATE INDEX IF NOT EXISTS %TABLE_NAME%_status_idx ON %TABLE_NAME% (status, start_time DESC);

CREATE INDEX IF NOT EXISTS %TABLE_NAME%_path_idx ON %TABLE_NAME% (path text_pattern_ops);

-- Large bodies, cut into chunks so that neither writing nor reading holds one whole in memory.
CREATE TABLE IF NOT EXISTS %TABLE_NAME%_attachments (
	trace_id UUID NOT NULL,
	start_time TIMESTAMPTZ NOT NULL,
	name VARCHAR(64) NOT NULL,
	chunk INTEGER NOT NULL,
	gzip BOOLEAN NOT NULL,
	content BYTEA NOT NULL,
	PRIMARY KEY (trace_id, name, chunk, start_time)
) PARTITION BY RANGE (start_time);
