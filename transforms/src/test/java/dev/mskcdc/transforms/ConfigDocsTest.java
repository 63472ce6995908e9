package dev.mskcdc.transforms;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.transforms.predicates.Predicate;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generates doc/&lt;Plugin&gt;.md from each plugin's OVERVIEW_DOC and CONFIG_DEF and fails when the
 * committed file differs. Regenerate with:
 * {@code ./mvnw -o -pl transforms test -Dtest=ConfigDocsTest -Dmskcdc.docs.update=true}
 */
class ConfigDocsTest {

    static final Path DOC_DIR = Path.of("doc");
    static final String REGENERATE = "./mvnw -o -pl transforms test -Dtest=ConfigDocsTest -Dmskcdc.docs.update=true";

    @Test
    void committedDocsMatchTheConfigDefs() throws Exception {
        boolean update = Boolean.getBoolean("mskcdc.docs.update");
        List<String> stale = new ArrayList<>();
        for (Class<?> plugin : Plugins.all()) {
            Path file = DOC_DIR.resolve(plugin.getSimpleName() + ".md");
            String expected = markdown(plugin);
            if (update) {
                Files.createDirectories(DOC_DIR);
                Files.writeString(file, expected, StandardCharsets.UTF_8);
            } else if (!Files.exists(file)
                    || !Files.readString(file, StandardCharsets.UTF_8).equals(expected)) {
                stale.add(file.toString());
            }
        }
        assertThat(stale)
                .as("stale config docs; regenerate with: " + REGENERATE)
                .isEmpty();
    }

    @Test
    void generatorWritesEveryKeyWithTypeDefaultAndValidValues() throws Exception {
        String doc = markdown(dev.mskcdc.transforms.filter.ChangeFilter.class);
        assertThat(doc).startsWith("# ChangeFilter\n\n`dev.mskcdc.transforms.filter.ChangeFilter` (Transformation)");
        assertThat(doc)
                .contains(
                        "### `ops.exclude`\n\nOperations to drop, e.g. 'r' to skip snapshot rows; wins over "
                                + "ops.include.\n\n- Type: list\n- Default: `\"\"`\n- Valid values: [c, u, d, r, t]\n- Importance: high\n");
    }

    static String markdown(Class<?> plugin) throws ReflectiveOperationException {
        String overview = (String) PluginServicesTest.staticField(plugin, "OVERVIEW_DOC");
        ConfigDef def = (ConfigDef) PluginServicesTest.staticField(plugin, "CONFIG_DEF");
        String kind = Predicate.class.isAssignableFrom(plugin) ? "Predicate" : "Transformation";
        StringBuilder md = new StringBuilder();
        md.append("# ")
                .append(plugin.getSimpleName())
                .append("\n\n`")
                .append(plugin.getName())
                .append("` (")
                .append(kind)
                .append(")\n\n<!-- Generated from CONFIG_DEF by ConfigDocsTest; do not edit. Regenerate: ")
                .append(REGENERATE)
                .append(" -->\n\n")
                .append(overview)
                .append("\n\n## Settings\n");
        for (ConfigDef.ConfigKey key : def.configKeys().values()) {
            md.append("\n### `")
                    .append(key.name)
                    .append("`\n\n")
                    .append(key.documentation)
                    .append("\n\n")
                    .append("- Type: ")
                    .append(key.type.toString().toLowerCase(java.util.Locale.ROOT))
                    .append('\n')
                    .append("- Default: ")
                    .append(defaultText(key))
                    .append('\n')
                    .append("- Valid values: ")
                    .append(key.validator)
                    .append('\n')
                    .append("- Importance: ")
                    .append(key.importance.toString().toLowerCase(java.util.Locale.ROOT))
                    .append('\n');
        }
        return md.toString();
    }

    private static String defaultText(ConfigDef.ConfigKey key) {
        if (!key.hasDefault()) {
            return "(required)";
        }
        Object value = key.defaultValue;
        String text = value instanceof List<?> list
                ? String.join(",", list.stream().map(String::valueOf).toList())
                : String.valueOf(value);
        return "`\"" + text + "\"`";
    }
}
