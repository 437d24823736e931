package io.chronotrace.core.storage.spool;

import java.util.List;

/**
 * Finds the drainer threads of spooling storages, for tests that prove they stop.
 */
public final class SpoolDrainerThreads {

	private SpoolDrainerThreads() {
	}

	/**
	 * The drainer threads alive now.
	 * @return the threads
	 */
	public static List<Thread> alive() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().equals("chronotrace-spool-drainer") && thread.isAlive())
			.toList();
	}

}
