package io.chronotrace.autoconfigure;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;
import org.springframework.util.unit.DataSize;
import org.springframework.util.unit.DataUnit;

import io.chronotrace.core.storage.TraceStorage;

/**
 * Says at start-up, in one INFO line, that ChronoTrace is on and where traces go: the mode,
 * the storage and its location, the layout, the compression and what is captured; and warns
 * when the configuration is likely to lose traces. Once per application context, when its
 * singletons are created.
 */
public final class StartupReport implements SmartInitializingSingleton, BeanClassLoaderAware {

	/** A queue this small fills within one burst of requests when every request is recorded. */
	static final int SMALL_QUEUE = 100;

	private static final String DATASOURCE_PROXY = "net.ttddyy.dsproxy.support.ProxyDataSource";

	private static final String TRACER = "io.micrometer.tracing.Tracer";

	private ClassLoader classLoader = StartupReport.class.getClassLoader();

	private static final Logger logger = LoggerFactory.getLogger(StartupReport.class);

	private final ChronoTraceProperties properties;

	private final Environment environment;

	private final ObjectProvider<TraceStorage> storage;

	/**
	 * Creates the report.
	 * @param properties the configuration
	 * @param environment the environment, for the actuator base path and the layout
	 * @param storage the storage, when there is one
	 */
	public StartupReport(ChronoTraceProperties properties, Environment environment,
			ObjectProvider<TraceStorage> storage) {
		this.properties = properties;
		this.environment = environment;
		this.storage = storage;
	}

	@Override
	public void setBeanClassLoader(ClassLoader classLoader) {
		this.classLoader = classLoader;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (logger.isInfoEnabled()) {
			logger.info(describe());
		}
		for (String warning : warnings()) {
			logger.warn(warning);
		}
	}

	/**
	 * The INFO line.
	 * @return the description of the running configuration
	 */
	String describe() {
		ChronoTraceProperties p = this.properties;
		StringBuilder line = new StringBuilder("ChronoTrace is recording: ").append(mode());
		TraceStorage storage = this.storage.getIfUnique();
		line.append("; storage ");
		if (storage != null) {
			line.append(storage.description().type());
			String location = location(storage);
			if (!location.isEmpty()) {
				line.append(" at ").append(location);
			}
		}
		else {
			line.append("none");
		}
		boolean segments = p.getLayout() == ChronoTraceProperties.Layout.SEGMENTS;
		line.append(", ")
			.append(segments ? "segment layout ({yyyy-MM-dd}/*.seg with indexes)" : "folder layout ({yyyy-MM-dd}/{id}/)");
		String compression = segments ? "LZ4 per block" : "gzip level " + p.getCompression().getLevel();
		line.append(", ").append(p.getCompression().isEnabled() ? compression : "uncompressed");
		if (p.getStorage() == ChronoTraceProperties.StorageType.S3 && storage != null) {
			line.append(", spool ").append(absolute(p.getS3().getSpool().getPath()));
		}
		line.append("; ").append(writer());
		line.append("; captures ").append(captures());
		line.append("; ").append(exclusions());
		return line.toString();
	}

	/**
	 * The warnings about configurations that lose traces.
	 * @return the warnings, empty when there is nothing to say
	 */
	List<String> warnings() {
		ChronoTraceProperties p = this.properties;
		List<String> warnings = new ArrayList<>();
		if (p.getMode() == ChronoTraceProperties.Mode.ALWAYS && p.isAsyncStorage()
				&& p.getQueueFallback() == ChronoTraceProperties.QueueFallback.DROP
				&& p.getQueueCapacity() < SMALL_QUEUE) {
			warnings.add("ChronoTrace records every request (mode always) through a queue of only "
					+ p.getQueueCapacity() + " traces, and drops traces when it is full (queue-fallback drop): "
					+ "a burst of requests will lose traces. Raise chronotrace.queue-capacity, set "
					+ "chronotrace.queue-fallback=sync, or record fewer requests (mode record-on-error, sample or "
					+ "targeted).");
		}
		if (p.getMode() == ChronoTraceProperties.Mode.TARGETED && p.getTargets().getRoutes().isEmpty()) {
			warnings.add("ChronoTrace is in mode targeted but chronotrace.targets.routes is empty: no request "
					+ "will be recorded. Add route patterns such as /checkout/**.");
		}
		if (p.getMode() == ChronoTraceProperties.Mode.SAMPLE && p.getSampleRate() == 0.0) {
			warnings.add("ChronoTrace is in mode sample with chronotrace.sample-rate 0: only failed requests "
					+ "will be recorded.");
		}
		return warnings;
	}

	private String mode() {
		ChronoTraceProperties p = this.properties;
		return switch (p.getMode()) {
			case ALWAYS -> "mode always (every request)";
			case RECORD_ON_ERROR -> "mode record-on-error (failed requests)";
			case SAMPLE -> "mode sample (rate " + p.getSampleRate() + ", plus failed requests)";
			case TARGETED -> "mode targeted " + p.getTargets().getRoutes();
		};
	}

	private String location(TraceStorage storage) {
		String location = storage.description().location();
		if ("local".equals(storage.description().type()) && !location.isEmpty()) {
			return absolute(location);
		}
		return location;
	}

	private static String absolute(String path) {
		try {
			return Path.of(path).toAbsolutePath().normalize().toString();
		}
		catch (RuntimeException ex) {
			return path;
		}
	}

	private String writer() {
		ChronoTraceProperties p = this.properties;
		if (!p.isAsyncStorage()) {
			return "stored on the request thread";
		}
		int threads = p.effectiveWriterThreads();
		return "async writer (" + threads + ((threads == 1) ? " thread" : " threads") + ", queue "
				+ p.getQueueCapacity() + ", when full " + p.getQueueFallback().name().toLowerCase(Locale.ROOT) + ")";
	}

	private String captures() {
		ChronoTraceProperties.Capture c = this.properties.getCapture();
		StringJoiner kinds = new StringJoiner(", ");
		String bodies = (c.isRequest() && c.isResponse()) ? "request and response bodies"
				: c.isRequest() ? "request bodies" : c.isResponse() ? "response bodies" : null;
		if (bodies != null) {
			kinds.add(bodies + " up to " + size(c.getMaxBodySize()));
		}
		if (c.isDatabase()) {
			// SQL capture needs datasource-proxy, an optional dependency the application adds
			kinds.add(ClassUtils.isPresent(DATASOURCE_PROXY, this.classLoader) ? "SQL"
					: "no SQL (add net.ttddyy:datasource-proxy to capture it)");
		}
		add(kinds, c.isHttp(), "outbound HTTP");
		add(kinds, c.isCache(), "cache");
		add(kinds, c.isJobs(), "jobs");
		add(kinds, c.isLogs(), "logs at " + c.getLogLevel());
		add(kinds, c.isExceptions(), "exceptions");
		add(kinds, c.isEvents(), "custom events");
		add(kinds, c.isTracing() && ClassUtils.isPresent(TRACER, this.classLoader), "tracing ids");
		return (kinds.length() > 0) ? kinds.toString() : "the exchange only";
	}

	/** A size as application.yml would write it: {@code 10MB}, not {@code 10485760B}. */
	static String size(DataSize size) {
		long bytes = size.toBytes();
		for (DataUnit unit : new DataUnit[] { DataUnit.GIGABYTES, DataUnit.MEGABYTES, DataUnit.KILOBYTES }) {
			long unitBytes = DataSize.of(1, unit).toBytes();
			if (bytes >= unitBytes && bytes % unitBytes == 0) {
				return (bytes / unitBytes) + unit.name().substring(0, 1) + "B";
			}
		}
		return bytes + "B";
	}

	private static void add(StringJoiner kinds, boolean on, String kind) {
		if (on) {
			kinds.add(kind);
		}
	}

	private String exclusions() {
		ChronoTraceProperties p = this.properties;
		StringJoiner excluded = new StringJoiner(", ", "excludes ", "");
		if (p.isExcludeDefaults()) {
			excluded.add(actuatorBasePath() + "/** and static resources");
		}
		p.getExclude().forEach(excluded::add);
		return (p.isExcludeDefaults() || !p.getExclude().isEmpty()) ? excluded.toString() : "excludes nothing";
	}

	private String actuatorBasePath() {
		@Nullable String basePath = this.environment.getProperty("management.endpoints.web.base-path");
		return (basePath != null) ? basePath.replaceAll("/+$", "") : "/actuator";
	}

}
