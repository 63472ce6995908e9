package dev.mskcdc.metrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fails when doc/CloudWatchMetrics.md differs from what CloudWatchMetrics.CONFIG_DEF generates, or a key lacks a
 * description. Regenerate: ./mvnw -pl metrics -am test -Dtest=ConfigDocsTest -Dsurefire.failIfNoSpecifiedTests=false -Dmskcdc.docs.update=true
 */
class ConfigDocsTest {

    private static final Path DOC = Path.of("doc", "CloudWatchMetrics.md");

    static String render() {
        StringBuilder md = new StringBuilder("# CloudWatchMetrics\n\n");
        md.append(
                        "<!-- Generated from CloudWatchMetrics.CONFIG_DEF by ConfigDocsTest; regenerate with ./mvnw -pl metrics ")
                .append(
                        "-am test -Dtest=ConfigDocsTest -Dsurefire.failIfNoSpecifiedTests=false -Dmskcdc.docs.update=true -->\n\n");
        md.append("`").append(CloudWatchMetrics.class.getName()).append("`\n\n");
        md.append(CloudWatchMetrics.OVERVIEW_DOC).append("\n\n");
        md.append("```properties\ntransforms=route,metrics\n")
                .append("transforms.metrics.type=")
                .append(CloudWatchMetrics.class.getName())
                .append('\n')
                .append("transforms.metrics.topic.prefix=<the connector's topic.prefix>\n")
                .append("transforms.metrics.connector.name=<the connector's name>\n")
                .append("transforms.metrics.region=us-east-1\n```\n");
        String group = null;
        for (ConfigDef.ConfigKey key : CloudWatchMetrics.CONFIG_DEF.configKeys().values()) {
            if (!key.group.equals(group)) {
                group = key.group;
                md.append("\n## ").append(group).append("\n\n");
                md.append("| Setting | Type | Default | Valid values | Importance | Description |\n");
                md.append("|---|---|---|---|---|---|\n");
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
                    .append(cell(key.documentation))
                    .append(" |\n");
        }
        return md.toString();
    }

    @Test
    void everyKeyIsDescribed() {
        assertThat(CloudWatchMetrics.CONFIG_DEF.configKeys().values())
                .allSatisfy(key -> assertThat(key.documentation).as(key.name).isNotBlank());
    }

    @Test
    void committedDocMatchesTheConfigDef() throws IOException {
        if (Boolean.getBoolean("mskcdc.docs.update")) {
            Files.createDirectories(DOC.getParent());
            Files.writeString(DOC, render(), StandardCharsets.UTF_8);
        }
        assertThat(DOC).exists();
        assertThat(Files.readString(DOC, StandardCharsets.UTF_8))
                .as(
                        "%s is stale; regenerate with ./mvnw -pl metrics -am "
                                + "test -Dtest=ConfigDocsTest -Dsurefire.failIfNoSpecifiedTests=false -Dmskcdc.docs.update=true",
                        DOC)
                .isEqualTo(render());
    }

    private static String defaultValue(ConfigDef.ConfigKey key) {
        if (!key.hasDefault() || key.defaultValue == null || key.defaultValue instanceof Password) {
            return "";
        }
        String text = key.defaultValue instanceof List<?> list
                ? list.stream().map(Object::toString).collect(Collectors.joining(","))
                : key.defaultValue.toString();
        return text.isEmpty() ? "\"\"" : "`" + text + "`";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
