package io.chronotrace.autoconfigure;

import java.nio.file.Path;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.chronotrace.core.recording.SpillFolder;
import io.chronotrace.core.write.TraceWriter;

/**
 * The folder of spilled bodies, for the servlet and the WebFlux recording alike:
 * {@code chronotrace.capture.spill-path} as given, or a folder private to this process, deleted
 * when the context closes. Trace writers are closed first: the async writer's queue holds traces
 * whose attachments are files in it.
 */
@Configuration(proxyBeanMethods = false)
class SpillFolderConfiguration {

	/** The name of the spill folder's bean. */
	static final String SPILL_FOLDER_BEAN_NAME = "chronoTraceSpillFolder";

	@Bean(name = SPILL_FOLDER_BEAN_NAME, destroyMethod = "close")
	@ConditionalOnMissingBean
	SpillFolder chronoTraceSpillFolder(ChronoTraceProperties properties, ConfigurableListableBeanFactory beanFactory) {
		String path = properties.getCapture().getSpillPath();
		SpillFolder folder = (path != null && !path.isBlank()) ? SpillFolder.of(Path.of(path.trim()))
				: SpillFolder.createPrivate();
		for (String writer : beanFactory.getBeanNamesForType(TraceWriter.class, false, false)) {
			beanFactory.registerDependentBean(SPILL_FOLDER_BEAN_NAME, writer);
		}
		return folder;
	}

}
