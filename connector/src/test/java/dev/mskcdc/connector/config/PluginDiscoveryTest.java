package dev.mskcdc.connector.config;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;

import org.apache.kafka.common.config.provider.ConfigProvider;
import org.apache.kafka.connect.sink.SinkConnector;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.HeaderConverter;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.predicates.Predicate;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Workers may run with plugin.discovery=service_load (the self-hosted template does), which finds only
 * plugin classes listed under META-INF/services: every plugin class of this module must be listed.
 */
class PluginDiscoveryTest {

    private static final List<Class<?>> PLUGIN_TYPES = List.of(
            SourceConnector.class,
            SinkConnector.class,
            Transformation.class,
            Predicate.class,
            ConfigProvider.class,
            Converter.class,
            HeaderConverter.class);
    private static final Path CLASSES = Path.of("target/classes");
    private static final Path SERVICES = Path.of("src/main/resources/META-INF/services");

    @Test
    void everyPluginClassOfThisModuleIsListedUnderMetaInfServices() throws Exception {
        List<String> missing = new ArrayList<>();
        for (Class<?> type : moduleClasses()) {
            for (Class<?> pluginType : PLUGIN_TYPES) {
                if (pluginType.isAssignableFrom(type) && isInstantiable(type) && !listed(pluginType, type)) {
                    missing.add(type.getName() + " in META-INF/services/" + pluginType.getName());
                }
            }
        }
        assertThat(missing).as("add these service entries").isEmpty();
    }

    @Test
    void theReferenceConfigurationsConnectorClassIsFoundByTheServiceLoader() throws Exception {
        String connectorClass = ReferenceConfigurationTest.load(Path.of("config/msk/connector.properties"))
                .getProperty("connector.class");

        assertThat(ServiceLoader.load(SourceConnector.class).stream()
                        .map(provider -> provider.type().getName()))
                .contains(connectorClass);
    }

    @Test
    void theCheckSeesThisModulesConnector() throws Exception {
        // Guards the check above against scanning nothing (wrong directory, no compiled classes).
        assertThat(moduleClasses()).extracting(Class::getName).contains("dev.mskcdc.connector.DebeziumMySqlConnector");
    }

    private static boolean listed(Class<?> pluginType, Class<?> type) throws IOException {
        Path file = SERVICES.resolve(pluginType.getName());
        return Files.exists(file)
                && Files.readAllLines(file).stream().map(String::strip).anyMatch(type.getName()::equals);
    }

    private static boolean isInstantiable(Class<?> type) {
        return Modifier.isPublic(type.getModifiers())
                && !Modifier.isAbstract(type.getModifiers())
                && !type.isInterface();
    }

    private static List<Class<?>> moduleClasses() throws IOException, ClassNotFoundException {
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(CLASSES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = CLASSES.relativize(file).toString().replace(java.io.File.separatorChar, '.');
                classes.add(Class.forName(
                        name.substring(0, name.length() - ".class".length()),
                        false,
                        PluginDiscoveryTest.class.getClassLoader()));
            }
        }
        return classes;
    }
}
