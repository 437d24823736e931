package io.chronotrace.autoconfigure;

import java.util.List;
import java.util.function.Supplier;

import io.chronotrace.core.storage.TraceStorage;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Creates the storage of one backend, known by its name. Each backend's configuration
 * contributes one when the backend is in use, as {@code chronotrace.storage} or as a tier of
 * {@code storage: tiered}, so that both get a storage wired the same way. An application makes
 * its own backend a tier by declaring a bean of this type with the name it gives in
 * {@code chronotrace.tiered.hot} or {@code chronotrace.tiered.cold}.
 */
public interface TraceStorageFactory {

	/**
	 * The backend this factory creates.
	 * @return its name: the value of {@code chronotrace.storage} or of a tier that names it
	 */
	String name();

	/**
	 * Creates a storage, ready to use. Storages that hold resources are {@link AutoCloseable};
	 * the caller closes them.
	 * @return the storage
	 */
	TraceStorage create();

	/**
	 * A factory of a name and a function.
	 * @param name the backend's name
	 * @param create creates its storage
	 * @return the factory
	 */
	static TraceStorageFactory of(String name, Supplier<? extends TraceStorage> create) {
		return new TraceStorageFactory() {

			@Override
			public String name() {
				return name;
			}

			@Override
			public TraceStorage create() {
				return create.get();
			}

		};
	}

	/**
	 * The factory of a backend.
	 * @param factories the factories there are
	 * @param name the backend's name
	 * @param property the property that names it, for the message when there is none
	 * @return the factory
	 * @throws InvalidConfigurationPropertyValueException when no factory has that name
	 */
	static TraceStorageFactory named(List<TraceStorageFactory> factories, String name, String property) {
		return factories.stream()
			.filter((factory) -> factory.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new InvalidConfigurationPropertyValueException(property, name,
					"There is no " + name + " backend. The backends available are "
							+ factories.stream().map(TraceStorageFactory::name).sorted().toList()
							+ "; an application's own backend is a TraceStorageFactory bean whose name() is the value."));
	}

}
