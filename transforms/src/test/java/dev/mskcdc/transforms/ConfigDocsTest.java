package dev.mskcdc.transforms;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.transforms.predicates.Predicate;
import org.junit.jupiter.api.Test;

import dev.mskcdc.testsupport.ConfigDocs;
import dev.mskcdc.testsupport.GeneratedDocs;

import static org.assertj.core.api.Assertions.assertThat;

/** Fails when a committed doc/&lt;Plugin&gt;.md differs from what the plugin's OVERVIEW_DOC and CONFIG_DEF generate. */
class ConfigDocsTest {

    private static final GeneratedDocs DOCS = new GeneratedDocs("transforms");

    @Test
    void committedDocsMatchTheConfigDefs() throws ReflectiveOperationException {
        Map<String, String> pages = new LinkedHashMap<>();
        for (Class<?> plugin : Plugins.all()) {
            pages.put(plugin.getSimpleName() + ".md", markdown(plugin));
        }
        assertThat(DOCS.writeOrFindStale(pages))
                .as("stale docs; regenerate with %s", DOCS.regenerateCommand())
                .isEmpty();
    }

    @Test
    void everyKeyIsWrittenWithItsTypeDefaultAndValidValues() throws ReflectiveOperationException {
        String doc = markdown(dev.mskcdc.transforms.filter.ChangeFilter.class);
        assertThat(doc).startsWith("# ChangeFilter\n\n`dev.mskcdc.transforms.filter.ChangeFilter` (Transformation)");
        assertThat(doc)
                .contains("### `ops.exclude`\n\nOperations to drop, e.g. 'r' to skip snapshot rows; wins over "
                        + "ops.include.\n\n- Type: list\n- Default: `\"\"`\n- Valid values: [c, u, d, r, t]\n"
                        + "- Importance: high\n");
    }

    private static String markdown(Class<?> plugin) throws ReflectiveOperationException {
        String overview = (String) PluginServicesTest.staticField(plugin, "OVERVIEW_DOC");
        ConfigDef def = (ConfigDef) PluginServicesTest.staticField(plugin, "CONFIG_DEF");
        String kind = Predicate.class.isAssignableFrom(plugin) ? "Predicate" : "Transformation";
        return ConfigDocs.render(ConfigDocs.Page.of(plugin, kind, overview, def), DOCS);
    }
}
