package dev.mskcdc.configproviders;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.types.Password;

import dev.mskcdc.configproviders.aws.PropertyAliases;

/**
 * Renders provider documentation (Markdown) from each provider's OVERVIEW_DOC and CONFIG_DEF, so the docs
 * under doc/ cannot drift from the code. ConfigDocsTest compares and, with -Dmskcdc.docs.update=true, rewrites.
 */
final class ConfigDocs {

    private ConfigDocs() {}

    static String render(String title, Class<?> provider, String providerName, String overview, ConfigDef def) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(title).append("\n\n");
        md.append("<!-- Generated from ")
                .append(provider.getSimpleName())
                .append(".CONFIG_DEF by ConfigDocsTest; regenerate with ")
                .append("./mvnw -pl config-providers test -Dtest=ConfigDocsTest -Dmskcdc.docs.update=true -->\n\n");
        md.append(overview).append("\n\n");
        md.append("```properties\nconfig.providers=")
                .append(providerName)
                .append('\n')
                .append("config.providers.")
                .append(providerName)
                .append(".class=")
                .append(provider.getName())
                .append('\n')
                .append("config.providers.")
                .append(providerName)
                .append(".param.region=us-east-1\n```\n\n");
        md.append("Settings go after `config.providers.").append(providerName).append(".param.`.\n");
        String group = null;
        for (ConfigDef.ConfigKey key : def.configKeys().values()) {
            if (!key.group.equals(group)) {
                group = key.group;
                md.append("\n## ").append(group).append("\n\n");
                md.append("| Setting | Type | Default | Valid values | Importance | Alias | Description |\n");
                md.append("|---|---|---|---|---|---|---|\n");
            }
            md.append("| `")
                    .append(key.name)
                    .append("` | ")
                    .append(key.type.name().toLowerCase())
                    .append(" | ")
                    .append(defaultValue(key))
                    .append(" | ")
                    .append(key.validator == null ? "" : cell(key.validator.toString()))
                    .append(" | ")
                    .append(key.importance.name().toLowerCase())
                    .append(" | ")
                    .append(aliases(key.name))
                    .append(" | ")
                    .append(cell(key.documentation))
                    .append(" |\n");
        }
        return md.toString();
    }

    static String renderAliases() {
        StringBuilder md = new StringBuilder("# Property aliases\n\n");
        md.append("<!-- Generated from PropertyAliases by ConfigDocsTest; regenerate with ")
                .append("./mvnw -pl config-providers test -Dtest=ConfigDocsTest -Dmskcdc.docs.update=true -->\n\n");
        md.append("Property names of other providers accepted as aliases, so switching is a change of class name. ")
                .append("Setting an alias and our name to different values is an error.\n\n");
        md.append("| Their property | Provider | Our property |\n|---|---|---|\n");
        md.append("| `region` | aws-samples | `region` (same name) |\n");
        md.append("| `endpoint` | aws-samples | `endpoint` (same name) |\n");
        for (Map.Entry<String, String> alias : PropertyAliases.ALIASES.entrySet()) {
            md.append("| `")
                    .append(alias.getKey())
                    .append("` | ")
                    .append(PropertyAliases.ORIGINS.get(alias.getKey()))
                    .append(" | `")
                    .append(alias.getValue())
                    .append("` |\n");
        }
        md.append("| `")
                .append(PropertyAliases.NOT_FOUND_STRATEGY)
                .append("` | aws-samples | only `fail` is ")
                .append("accepted (and is what we always do); `ignore` is rejected because it turns a missing secret ")
                .append("into an empty string |\n");
        return md.toString();
    }

    private static String defaultValue(ConfigDef.ConfigKey key) {
        if (!key.hasDefault() || key.defaultValue == null) {
            return "";
        }
        if (key.defaultValue instanceof Password) {
            return "";
        }
        String text = key.defaultValue instanceof List
                ? ((List<?>) key.defaultValue).stream().map(Object::toString).collect(Collectors.joining(","))
                : key.defaultValue.toString();
        return text.isEmpty() ? "\"\"" : "`" + text + "`";
    }

    private static String aliases(String name) {
        return PropertyAliases.ALIASES.entrySet().stream()
                .filter(alias -> alias.getValue().equals(name))
                .map(alias -> "`" + alias.getKey() + "`")
                .collect(Collectors.joining(", "));
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
