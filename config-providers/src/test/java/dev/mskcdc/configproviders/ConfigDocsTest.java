package dev.mskcdc.configproviders;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.mskcdc.configproviders.s3.S3FileConfigProvider;
import dev.mskcdc.configproviders.secretsmanager.SecretsManagerConfigProvider;
import dev.mskcdc.configproviders.ssm.SsmParameterConfigProvider;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fails when the committed docs under doc/ differ from what the ConfigDefs generate.
 * Regenerate: ./mvnw -pl config-providers test -Dtest=ConfigDocsTest -Dmskcdc.docs.update=true
 */
class ConfigDocsTest {

    private static final Path DOC = Path.of("doc");

    static Map<String, String> generated() {
        Map<String, String> docs = new LinkedHashMap<>();
        docs.put(
                "secretsmanager-config-provider.md",
                ConfigDocs.render(
                        "Secrets Manager config provider",
                        SecretsManagerConfigProvider.class,
                        "secretsmanager",
                        SecretsManagerConfigProvider.OVERVIEW_DOC,
                        SecretsManagerConfigProvider.CONFIG_DEF));
        docs.put(
                "ssm-config-provider.md",
                ConfigDocs.render(
                        "SSM Parameter Store config provider",
                        SsmParameterConfigProvider.class,
                        "ssm",
                        SsmParameterConfigProvider.OVERVIEW_DOC,
                        SsmParameterConfigProvider.CONFIG_DEF));
        docs.put(
                "s3-config-provider.md",
                ConfigDocs.render(
                        "S3 file config provider",
                        S3FileConfigProvider.class,
                        "s3",
                        S3FileConfigProvider.OVERVIEW_DOC,
                        S3FileConfigProvider.CONFIG_DEF));
        docs.put("property-aliases.md", ConfigDocs.renderAliases());
        return docs;
    }

    @Test
    void committedDocsMatchTheConfigDefs() throws IOException {
        boolean update = Boolean.getBoolean("mskcdc.docs.update");
        for (Map.Entry<String, String> doc : generated().entrySet()) {
            Path file = DOC.resolve(doc.getKey());
            if (update) {
                Files.createDirectories(DOC);
                Files.writeString(file, doc.getValue(), StandardCharsets.UTF_8);
            }
            assertThat(file)
                    .as(
                            "%s is stale or missing; regenerate with "
                                    + "./mvnw -pl config-providers test -Dtest=ConfigDocsTest -Dmskcdc.docs.update=true",
                            file)
                    .exists();
            assertThat(Files.readString(file, StandardCharsets.UTF_8))
                    .as(
                            "%s is stale; regenerate with "
                                    + "./mvnw -pl config-providers test -Dtest=ConfigDocsTest -Dmskcdc.docs.update=true",
                            file)
                    .isEqualTo(doc.getValue());
        }
    }
}
