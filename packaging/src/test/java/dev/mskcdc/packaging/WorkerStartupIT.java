package dev.mskcdc.packaging;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.mskcdc.localstack.LocalStack;
import dev.mskcdc.localstack.connect.ConnectRestClient;
import dev.mskcdc.localstack.connect.ConnectWorker;
import dev.mskcdc.localstack.junit.LocalStackExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** The ZIP installed on a worker's plugin.path: a clean start, and every plugin it lists is usable. */
@ExtendWith(LocalStackExtension.class)
class WorkerStartupIT {

    private static final String OUR_CONNECTOR = "dev.mskcdc.connector.DebeziumMySqlConnector";

    @Test
    void workerStartsWithServiceLoaderDiscoveryAndLogsNoError(LocalStack stack) {
        assertThat(stack.worker().config()).containsEntry("plugin.discovery", "service_load");

        assertThat(WorkerLog.errorLines(WorkerLog.startupLines(stack.worker().logFile())))
                .isEmpty();
    }

    @Test
    void everyPluginClassHasAServiceManifest(LocalStack stack) {
        // hybrid_fail: the worker scans by reflection AND by service loader, and refuses to start if any
        // plugin class is missing from META-INF/services.
        try (ConnectWorker strict =
                stack.startAnotherWorker("strict-discovery", Map.of("plugin.discovery", "hybrid_fail"))) {
            assertThat(strict.isAlive()).isTrue();
            assertThat(WorkerLog.errorLines(WorkerLog.startupLines(strict.logFile())))
                    .isEmpty();
        }
    }

    @Test
    void listsOurPluginsAndDebeziumsFromTheZip(LocalStack stack) {
        Set<String> listed = pluginsFromTheZip(stack).stream()
                .map(plugin -> plugin.path("class").asText())
                .collect(Collectors.toSet());

        assertThat(listed)
                .contains(
                        OUR_CONNECTOR,
                        "io.debezium.connector.mysql.MySqlConnector",
                        "io.debezium.converters.CloudEventsConverter",
                        "dev.mskcdc.transforms.routing.TopicRouter",
                        "dev.mskcdc.transforms.filter.ChangeFilter",
                        "dev.mskcdc.transforms.filter.ChangeMatches",
                        "dev.mskcdc.transforms.keys.NormalizeKey",
                        "dev.mskcdc.transforms.size.EventSizeLimit",
                        "dev.mskcdc.metrics.CloudWatchMetrics");
    }

    @Test
    void everyListedPluginFromTheZipLoadsAndDescribesItsConfiguration(LocalStack stack) {
        ConnectRestClient rest = stack.worker().rest();
        List<String> unusable = new ArrayList<>();
        for (JsonNode plugin : pluginsFromTheZip(stack)) {
            String type = plugin.path("type").asText();
            String className = plugin.path("class").asText();
            String problem = switch (type) {
                case "source", "sink" -> connectorProblem(rest, className);
                case "transformation" ->
                    keyProblem(rest, Map.of("transforms", "t", "transforms.t.type", className), "transforms.t.type");
                case "predicate" ->
                    keyProblem(rest, Map.of("predicates", "p", "predicates.p.type", className), "predicates.p.type");
                case "converter" -> keyProblem(rest, Map.of("value.converter", className), "value.converter");
                case "header_converter" -> keyProblem(rest, Map.of("header.converter", className), "header.converter");
                default -> "unexpected plugin type " + type;
            };
            if (problem != null) {
                unusable.add(className + ": " + problem);
            }
        }
        assertThat(unusable).isEmpty();
    }

    /** Plugins the worker lists whose class comes from the ZIP (not from the worker's own classpath). */
    private static List<JsonNode> pluginsFromTheZip(LocalStack stack) {
        Set<String> zipClasses = PluginZip.classEntriesOfAllJars().stream()
                .map(entry -> entry.substring(entry.indexOf('!') + 1))
                .filter(entry -> entry.endsWith(".class"))
                .map(entry ->
                        entry.substring(0, entry.length() - ".class".length()).replace('/', '.'))
                .collect(Collectors.toSet());
        ConnectRestClient.Response response = stack.worker().rest().get("/connector-plugins?connectorsOnly=false");
        assertThat(response.status()).isEqualTo(200);
        List<JsonNode> fromZip = new ArrayList<>();
        response.json().forEach(plugin -> {
            if (zipClasses.contains(plugin.path("class").asText())) {
                fromZip.add(plugin);
            }
        });
        assertThat(fromZip).isNotEmpty();
        return fromZip;
    }

    private static String connectorProblem(ConnectRestClient rest, String connectorClass) {
        ConnectRestClient.Response response = rest.validate(connectorClass, Map.of("connector.class", connectorClass));
        if (response.status() != 200) {
            return "validate answered HTTP " + response.status() + ": " + response.body();
        }
        return response.json().path("configs").isEmpty() ? "validate listed no configuration keys" : null;
    }

    /** Validates our connector with one plugin setting and reports any error on that setting's key. */
    private static String keyProblem(ConnectRestClient rest, Map<String, String> pluginSettings, String key) {
        Map<String, String> config = new HashMap<>(pluginSettings);
        config.put("connector.class", OUR_CONNECTOR);
        ConnectRestClient.Response response = rest.validate(OUR_CONNECTOR, config);
        if (response.status() != 200) {
            return "validate answered HTTP " + response.status() + ": " + response.body();
        }
        for (JsonNode entry : response.json().path("configs")) {
            JsonNode value = entry.path("value");
            if (key.equals(value.path("name").asText()) && !value.path("errors").isEmpty()) {
                return value.path("errors").toString();
            }
        }
        return null;
    }
}
