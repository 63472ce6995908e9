package dev.mskcdc.localstack.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mskcdc.localstack.process.LocalStackException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigTemplateTest {

    @TempDir
    Path directory;

    @Test
    void fillsPlaceholdersAndLeavesConnectReferencesAlone() throws IOException {
        Path template = write("template.properties", """
                # a comment with {{NOT_A_VALUE}}
                database.hostname={{DATABASE_HOST}}
                database.password=${secretsmanager:{{DATABASE_SECRET}}:password}
                table.include.list=inventory\\\\..*
                """);

        Map<String, String> rendered =
                ConfigTemplate.render(template, Map.of("DATABASE_HOST", "db.example", "DATABASE_SECRET", "prod/mysql"));

        assertThat(rendered)
                .containsExactly(
                        Map.entry("database.hostname", "db.example"),
                        Map.entry("database.password", "${secretsmanager:prod/mysql:password}"),
                        Map.entry("table.include.list", "inventory\\..*"));
    }

    @Test
    void namesEveryPlaceholderWithoutAValue() throws IOException {
        Path template = write("template.properties", "a={{ONE}}\nb={{TWO}}-{{ONE}}\nc={{THREE}}\n");

        assertThatThrownBy(() -> ConfigTemplate.render(template, Map.of("THREE", "3")))
                .isInstanceOf(LocalStackException.class)
                .hasMessage(template
                        + " has placeholders with no value: [ONE, TWO]. Supply them, or remove them from the file.");
    }

    @Test
    void overlayReplacesKeysAndAnEmptyValueRemovesOne() throws IOException {
        Path overlay = write("overlay.properties", "security.protocol=PLAINTEXT\nsasl.mechanism=\nnew.key={{VALUE}}\n");

        Map<String, String> result = ConfigTemplate.overlay(
                Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "AWS_MSK_IAM", "kept", "yes"),
                overlay,
                Map.of("VALUE", "v"));

        assertThat(result)
                .containsOnly(
                        Map.entry("security.protocol", "PLAINTEXT"),
                        Map.entry("kept", "yes"),
                        Map.entry("new.key", "v"));
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(directory.resolve(name), content);
    }
}
