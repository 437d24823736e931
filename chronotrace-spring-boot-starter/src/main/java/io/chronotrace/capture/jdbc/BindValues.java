package io.chronotrace.capture.jdbc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.proxy.ParameterSetOperation;

/**
 * The bind values of a statement as text, in parameter order: one list per batch entry, at
 * most {@value #MAX_BATCH_ENTRIES} entries (the event's batch size tells how many ran), each
 * value as {@link BindValueText} writes it.
 */
final class BindValues {

	/** The most characters kept of a bind value. */
	static final int MAX_VALUE_LENGTH = BindValueText.MAX_LENGTH;

	/** The most batch entries whose bind values are kept. */
	static final int MAX_BATCH_ENTRIES = 100;

	private BindValues() {
	}

	static List<List<String>> of(List<QueryInfo> queries) {
		List<List<String>> entries = new ArrayList<>();
		for (QueryInfo query : queries) {
			for (List<ParameterSetOperation> operations : query.getParametersList()) {
				if (entries.size() == MAX_BATCH_ENTRIES) {
					return entries;
				}
				if (!operations.isEmpty()) {
					entries.add(values(operations));
				}
			}
		}
		return entries;
	}

	private static List<String> values(List<ParameterSetOperation> operations) {
		List<ParameterSetOperation> ordered = new ArrayList<>(operations);
		ordered.sort(Comparator.comparingInt(BindValues::position));
		List<String> values = new ArrayList<>(ordered.size());
		for (ParameterSetOperation operation : ordered) {
			values.add(text(operation));
		}
		return values;
	}

	/** Parameters set by index sort by it; named ones (callable statements) keep their order. */
	private static int position(ParameterSetOperation operation) {
		Object[] args = operation.getArgs();
		return (args.length > 0 && args[0] instanceof Integer index) ? index : Integer.MAX_VALUE;
	}

	private static String text(ParameterSetOperation operation) {
		if (ParameterSetOperation.isSetNullParameterOperation(operation)) {
			return "null";
		}
		if (ParameterSetOperation.isRegisterOutParameterOperation(operation)) {
			return "<out>";
		}
		Object[] args = operation.getArgs();
		return (args.length > 1) ? BindValueText.of(args[1]) : "";
	}

}
