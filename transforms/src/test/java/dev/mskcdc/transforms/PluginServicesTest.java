package dev.mskcdc.transforms;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.components.Versioned;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Workers with plugin.discovery=service_load only see plugins listed in META-INF/services. */
class PluginServicesTest {

    @Test
    void everyPluginClassHasItsServicesEntryAndEveryEntryIsAPlugin() throws IOException {
        Path classes = Plugins.classesDirectory();
        for (Class<?> pluginInterface : Plugins.PLUGIN_INTERFACES) {
            List<String> found = Plugins.implementationsOf(pluginInterface, classes).stream()
                    .map(Class::getName)
                    .toList();
            assertThat(servicesEntries(classes, pluginInterface))
                    .as(
                            "META-INF/services/%s must list exactly the %s classes of this module",
                            pluginInterface.getName(), pluginInterface.getSimpleName())
                    .containsExactlyInAnyOrderElementsOf(found);
        }
        assertThat(Plugins.all())
                .extracting(Class::getSimpleName)
                .containsExactlyInAnyOrder(
                        "TopicRouter", "ChangeFilter", "NormalizeKey", "ChangeMatches", "EventSizeLimit");
    }

    @Test
    void scannerSeesAPluginWithoutEntry(@TempDir Path dir) throws IOException {
        // The check above can fail: a classes directory holding a plugin and an empty services file.
        Path copy = dir.resolve("dev/mskcdc/transforms/routing");
        Files.createDirectories(copy);
        Files.copy(
                Plugins.classesDirectory().resolve("dev/mskcdc/transforms/routing/TopicRouter.class"),
                copy.resolve("TopicRouter.class"));
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve("org.apache.kafka.connect.transforms.Transformation"), "# none\n");
        Class<?> transformation = Plugins.PLUGIN_INTERFACES.get(0);
        assertThat(Plugins.implementationsOf(transformation, dir))
                .extracting(Class::getSimpleName)
                .containsExactly("TopicRouter");
        assertThat(servicesEntries(dir, transformation)).isEmpty();
    }

    @Test
    void everyPluginIsVersionedAndDocumentsEveryKey() throws ReflectiveOperationException {
        for (Class<?> plugin : Plugins.all()) {
            assertThat(Versioned.class).as(plugin.getName()).isAssignableFrom(plugin);
            Versioned instance = (Versioned) plugin.getDeclaredConstructor().newInstance();
            assertThat(instance.version()).isEqualTo(TransformsVersion.get()).doesNotContain("${");
            assertThat((String) staticField(plugin, "OVERVIEW_DOC"))
                    .as(plugin + " OVERVIEW_DOC")
                    .isNotBlank();
            ConfigDef def = (ConfigDef) staticField(plugin, "CONFIG_DEF");
            for (ConfigDef.ConfigKey key : def.configKeys().values()) {
                assertThat(key.documentation)
                        .as(plugin.getSimpleName() + "." + key.name)
                        .isNotBlank();
                assertThat(key.validator)
                        .as(plugin.getSimpleName() + "." + key.name + " validator")
                        .isNotNull();
                assertThat(key.group)
                        .as(plugin.getSimpleName() + "." + key.name + " group")
                        .isNotNull();
            }
        }
    }

    static Object staticField(Class<?> type, String name) throws ReflectiveOperationException {
        Field field = type.getField(name);
        return field.get(null);
    }

    private static List<String> servicesEntries(Path classes, Class<?> pluginInterface) throws IOException {
        Path file = classes.resolve("META-INF/services/" + pluginInterface.getName());
        if (!Files.exists(file)) {
            return List.of();
        }
        return Files.readAllLines(file).stream()
                .map(String::trim)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .toList();
    }
}
