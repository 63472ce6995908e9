package dev.mskcdc.testsupport;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ConfigDocs against small ConfigDefs (named so that the modules' -Dtest=ConfigDocsTest runs leave it out). */
class ConfigDocsRenderingTest {

    private static final GeneratedDocs DOCS = new GeneratedDocs("example");

    private static final ConfigDef GROUPED = new ConfigDef()
            .define(
                    "region",
                    Type.STRING,
                    "",
                    Importance.HIGH,
                    "AWS region.",
                    "Connection",
                    1,
                    ConfigDef.Width.SHORT,
                    "Region")
            .define(
                    "secret.key",
                    Type.PASSWORD,
                    null,
                    Importance.LOW,
                    "Secret key.",
                    "Credentials",
                    1,
                    ConfigDef.Width.SHORT,
                    "Key")
            .define(
                    "patterns",
                    Type.LIST,
                    List.of("a", "b"),
                    ConfigDef.ValidList.in("a", "b", "c"),
                    Importance.MEDIUM,
                    "Patterns.",
                    "Credentials",
                    2,
                    ConfigDef.Width.SHORT,
                    "Patterns");

    @Test
    void everyKeyUnderItsGroupWithTypeDefaultValidValuesImportanceAndAlias() {
        String page = ConfigDocs.render(
                new ConfigDocs.Page(
                        "Example provider",
                        String.class,
                        "ConfigProvider",
                        "Reads examples.",
                        "```properties\nconfig.providers=example\n```",
                        GROUPED,
                        Map.of("region", "`aws.region` (jcustenborder)")),
                DOCS);

        assertThat(page)
                .isEqualTo("# Example provider\n\n"
                        + "`java.lang.String` (ConfigProvider)\n\n"
                        + DOCS.generatedComment("String.CONFIG_DEF") + "\n\n"
                        + "Reads examples.\n\n"
                        + "```properties\nconfig.providers=example\n```\n"
                        + "\n## Connection\n"
                        + "\n### `region`\n\nAWS region.\n\n- Type: string\n- Default: `\"\"`\n- Importance: high\n"
                        + "- Alias: `aws.region` (jcustenborder)\n"
                        + "\n## Credentials\n"
                        + "\n### `secret.key`\n\nSecret key.\n\n- Type: password\n- Default: null\n- Importance: low\n"
                        + "\n### `patterns`\n\nPatterns.\n\n- Type: list\n- Default: `a,b`\n- Valid values: [a, b, c]\n"
                        + "- Importance: medium\n");
    }

    @Test
    void keysWithoutAGroupGoUnderSettingsAndARequiredKeySaysSo() {
        ConfigDef def = new ConfigDef()
                .define("field", Type.STRING, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH, "The field to read.");

        String page = ConfigDocs.render(ConfigDocs.Page.of(Integer.class, "Transformation", "Overview.", def), DOCS);

        assertThat(page)
                .startsWith("# Integer\n\n`java.lang.Integer` (Transformation)\n\n")
                .endsWith("Overview.\n\n## Settings\n\n### `field`\n\nThe field to read.\n\n- Type: string\n"
                        + "- Default: (required)\n- Importance: high\n");
    }

    @Test
    void aKeyWithoutDescriptionFailsTheGeneration() {
        ConfigDef def = new ConfigDef().define("undocumented", Type.INT, 1, Importance.LOW, " ");

        assertThatThrownBy(
                        () -> ConfigDocs.render(ConfigDocs.Page.of(Integer.class, "Transformation", "O.", def), DOCS))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'undocumented' has no description");
    }

    @Test
    void theCommentNamesTheModulesRegenerateCommand() {
        assertThat(DOCS.generatedComment("X.CONFIG_DEF"))
                .isEqualTo("<!-- Generated from X.CONFIG_DEF by ConfigDocsTest; do not edit. Regenerate: ./mvnw -q -pl "
                        + "example -am test -Dtest=ConfigDocsTest -Dsurefire.failIfNoSpecifiedTests=false "
                        + "-Dmskcdc.docs.update=true -->");
    }
}
