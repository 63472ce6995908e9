package dev.mskcdc.metrics;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.mskcdc.testsupport.ConfigDocs;
import dev.mskcdc.testsupport.GeneratedDocs;

import static org.assertj.core.api.Assertions.assertThat;

/** Fails when doc/CloudWatchMetrics.md differs from what CloudWatchMetrics.CONFIG_DEF generates. */
class ConfigDocsTest {

    private static final GeneratedDocs DOCS = new GeneratedDocs("metrics");

    private static String page() {
        String usage = "```properties\ntransforms=route,metrics\ntransforms.metrics.type="
                + CloudWatchMetrics.class.getName() + "\n"
                + "transforms.metrics.topic.prefix=<the connector's topic.prefix>\n"
                + "transforms.metrics.connector.name=<the connector's name>\n"
                + "transforms.metrics.region=us-east-1\n```";
        return ConfigDocs.render(
                new ConfigDocs.Page(
                        "CloudWatchMetrics",
                        CloudWatchMetrics.class,
                        "Transformation",
                        CloudWatchMetrics.OVERVIEW_DOC,
                        usage,
                        CloudWatchMetrics.CONFIG_DEF,
                        Map.of()),
                DOCS);
    }

    @Test
    void committedDocMatchesTheConfigDef() {
        assertThat(DOCS.writeOrFindStale(Map.of("CloudWatchMetrics.md", page())))
                .as("stale docs; regenerate with %s", DOCS.regenerateCommand())
                .isEmpty();
    }
}
