package dev.mskcdc.testsupport;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.common.config.ConfigDef;

/**
 * Renders a plugin's settings reference (Markdown) from its OVERVIEW_DOC and CONFIG_DEF, in the shape of Kafka's
 * own configuration reference: one heading per key with its description, type, default, valid values and
 * importance, under a heading per ConfigDef group. Every plugin's doc/ page is written by this one generator.
 */
public final class ConfigDocs {

    /** The heading for keys defined without a group. */
    static final String NO_GROUP = "Settings";

    private ConfigDocs() {}

    /**
     * One plugin's page.
     *
     * @param title      the page title
     * @param plugin     the class users name in their configuration
     * @param kind       what Connect calls it: Transformation, Predicate, ConfigProvider
     * @param overview   its OVERVIEW_DOC
     * @param usage      Markdown shown after the overview (e.g. a properties example), or ""
     * @param definition its CONFIG_DEF
     * @param aliases    other names accepted for a key (key to alias text), shown with the key
     */
    public record Page(
            String title,
            Class<?> plugin,
            String kind,
            String overview,
            String usage,
            ConfigDef definition,
            Map<String, String> aliases) {

        /** A page titled with the class's simple name, without usage text or aliases. */
        public static Page of(Class<?> plugin, String kind, String overview, ConfigDef definition) {
            return new Page(plugin.getSimpleName(), plugin, kind, overview, "", definition, Map.of());
        }
    }

    /** The page's Markdown; fails when a key has no description (a setting nobody can look up). */
    public static String render(Page page, GeneratedDocs docs) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(page.title()).append("\n\n");
        md.append('`')
                .append(page.plugin().getName())
                .append("` (")
                .append(page.kind())
                .append(")\n\n");
        md.append(docs.generatedComment(page.plugin().getSimpleName() + ".CONFIG_DEF"))
                .append("\n\n");
        md.append(page.overview()).append('\n');
        if (!page.usage().isEmpty()) {
            md.append('\n').append(page.usage().strip()).append('\n');
        }
        String group = null;
        for (ConfigDef.ConfigKey key : page.definition().configKeys().values()) {
            String keyGroup = key.group == null ? NO_GROUP : key.group;
            if (!keyGroup.equals(group)) {
                group = keyGroup;
                md.append("\n## ").append(group).append('\n');
            }
            md.append(key(key, page.aliases().get(key.name)));
        }
        return md.toString();
    }

    private static String key(ConfigDef.ConfigKey key, String alias) {
        if (key.documentation == null || key.documentation.isBlank()) {
            throw new IllegalStateException("Config key '" + key.name + "' has no description in its ConfigDef");
        }
        StringBuilder md = new StringBuilder();
        md.append("\n### `").append(key.name).append("`\n\n");
        md.append(key.documentation.strip()).append("\n\n");
        md.append("- Type: ").append(key.type.name().toLowerCase(Locale.ROOT)).append('\n');
        md.append("- Default: ").append(defaultValue(key)).append('\n');
        if (key.validator != null) {
            md.append("- Valid values: ").append(key.validator).append('\n');
        }
        md.append("- Importance: ")
                .append(key.importance.name().toLowerCase(Locale.ROOT))
                .append('\n');
        if (alias != null) {
            md.append("- Alias: ").append(alias).append('\n');
        }
        return md.toString();
    }

    private static String defaultValue(ConfigDef.ConfigKey key) {
        if (!key.hasDefault()) {
            return "(required)";
        }
        if (key.defaultValue == null) {
            return "null";
        }
        String text = key.defaultValue instanceof List<?> list
                ? list.stream().map(Object::toString).collect(Collectors.joining(","))
                : key.defaultValue.toString();
        return text.isEmpty() ? "`\"\"`" : "`" + text + "`";
    }
}
