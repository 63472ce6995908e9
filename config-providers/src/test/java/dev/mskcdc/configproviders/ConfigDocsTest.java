package dev.mskcdc.configproviders;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;

import dev.mskcdc.configproviders.aws.PropertyAliases;
import dev.mskcdc.configproviders.s3.S3FileConfigProvider;
import dev.mskcdc.configproviders.secretsmanager.SecretsManagerConfigProvider;
import dev.mskcdc.configproviders.ssm.SsmParameterConfigProvider;
import dev.mskcdc.testsupport.ConfigDocs;
import dev.mskcdc.testsupport.GeneratedDocs;

import static org.assertj.core.api.Assertions.assertThat;

/** Fails when the committed docs under doc/ differ from what the ConfigDefs and PropertyAliases generate. */
class ConfigDocsTest {

    private static final GeneratedDocs DOCS = new GeneratedDocs("config-providers");

    private static Map<String, String> generated() {
        Map<String, String> docs = new LinkedHashMap<>();
        docs.put(
                "secretsmanager-config-provider.md",
                page(
                        "Secrets Manager config provider",
                        SecretsManagerConfigProvider.class,
                        "secretsmanager",
                        SecretsManagerConfigProvider.OVERVIEW_DOC,
                        SecretsManagerConfigProvider.CONFIG_DEF));
        docs.put(
                "ssm-config-provider.md",
                page(
                        "SSM Parameter Store config provider",
                        SsmParameterConfigProvider.class,
                        "ssm",
                        SsmParameterConfigProvider.OVERVIEW_DOC,
                        SsmParameterConfigProvider.CONFIG_DEF));
        docs.put(
                "s3-config-provider.md",
                page(
                        "S3 file config provider",
                        S3FileConfigProvider.class,
                        "s3",
                        S3FileConfigProvider.OVERVIEW_DOC,
                        S3FileConfigProvider.CONFIG_DEF));
        docs.put("property-aliases.md", aliases());
        return docs;
    }

    private static String page(String title, Class<?> provider, String name, String overview, ConfigDef def) {
        String usage = "```properties\nconfig.providers=" + name + "\nconfig.providers." + name + ".class="
                + provider.getName() + "\nconfig.providers." + name + ".param.region=us-east-1\n```\n\n"
                + "Settings go after `config.providers." + name + ".param.`.";
        return ConfigDocs.render(
                new ConfigDocs.Page(title, provider, "ConfigProvider", overview, usage, def, aliasesByKey()), DOCS);
    }

    /** Our key to the aliases other providers' users may write for it. */
    private static Map<String, String> aliasesByKey() {
        return PropertyAliases.ALIASES.entrySet().stream()
                .collect(Collectors.groupingBy(
                        Map.Entry::getValue,
                        LinkedHashMap::new,
                        Collectors.mapping(
                                alias -> "`" + alias.getKey() + "` (" + PropertyAliases.ORIGINS.get(alias.getKey())
                                        + ")",
                                Collectors.joining(", "))));
    }

    private static String aliases() {
        StringBuilder md = new StringBuilder("# Property aliases\n\n");
        md.append(DOCS.generatedComment("PropertyAliases")).append("\n\n");
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

    @Test
    void committedDocsMatchTheConfigDefs() {
        assertThat(DOCS.writeOrFindStale(generated()))
                .as("stale docs; regenerate with %s", DOCS.regenerateCommand())
                .isEmpty();
    }
}
