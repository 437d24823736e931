package io.chronotrace.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.openjdk.jmh.infra.Blackhole;

/**
 * {@link RecordingFilterBenchmark}'s requests timed by the CPU time of the thread that runs them,
 * which other processes on a shared machine do not inflate as they do wall time: each mode is
 * run in turn, round after round, and the median of the rounds is printed with the allocation
 * per request.
 *
 * <pre>
 * java -cp chronotrace-benchmarks/target/benchmarks.jar io.chronotrace.benchmarks.RecordingFilterCpu [rounds] [requests per round] [get,post] [off,recordOnError,always]
 * </pre>
 */
public final class RecordingFilterCpu {

	private RecordingFilterCpu() {
	}

	public static void main(String[] args) throws Exception {
		int rounds = (args.length > 0) ? Integer.parseInt(args[0]) : 7;
		int requests = (args.length > 1) ? Integer.parseInt(args[1]) : 200_000;
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		com.sun.management.ThreadMXBean allocation = (com.sun.management.ThreadMXBean) threads;
		Blackhole blackhole = new Blackhole(
				"Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
		List<String> kinds = (args.length > 2) ? List.of(args[2].split(",")) : List.of("get", "post");
		List<String> modeNames = (args.length > 3) ? List.of(args[3].split(",")) : List.of("off", "recordOnError", "always", "alwaysFinished");
		for (String request : kinds) {
			List<RecordingFilterBenchmark> modes = new ArrayList<>();
			for (String mode : modeNames) {
				RecordingFilterBenchmark benchmark = new RecordingFilterBenchmark();
				benchmark.mode = mode;
				benchmark.request = request;
				benchmark.setUp();
				modes.add(benchmark);
			}
			List<List<Double>> cpu = new ArrayList<>();
			List<Double> bytes = new ArrayList<>();
			for (int m = 0; m < modes.size(); m++) {
				cpu.add(new ArrayList<>());
				bytes.add(0.0);
			}
			for (int round = -3; round < rounds; round++) {
				for (int m = 0; m < modes.size(); m++) {
					RecordingFilterBenchmark benchmark = modes.get(m);
					long id = Thread.currentThread().getId();
					long cpuBefore = threads.getCurrentThreadCpuTime();
					long allocatedBefore = allocation.getThreadAllocatedBytes(id);
					for (int i = 0; i < requests; i++) {
						benchmark.request(blackhole);
					}
					double nanos = (threads.getCurrentThreadCpuTime() - cpuBefore) / (double) requests;
					double allocated = (allocation.getThreadAllocatedBytes(id) - allocatedBefore) / (double) requests;
					if (round >= 0) {
						cpu.get(m).add(nanos);
						bytes.set(m, allocated);
					}
				}
			}
			double off = median(cpu.get(0));
			for (int m = 0; m < modes.size(); m++) {
				double median = median(cpu.get(m));
				System.out.printf(Locale.ROOT, "%-5s %-14s %8.0f ns CPU/request (+%6.0f) %8.0f B/request%n", request,
						modes.get(m).mode, median, median - off, bytes.get(m));
			}
		}
	}

	private static double median(List<Double> values) {
		List<Double> sorted = new ArrayList<>(values);
		sorted.sort(null);
		return sorted.get(sorted.size() / 2);
	}

}
