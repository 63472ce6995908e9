package dev.mskcdc.packaging;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.mskcdc.localstack.LocalStack;
import dev.mskcdc.localstack.config.ConnectorSpec;
import dev.mskcdc.localstack.connector.RunningConnector;
import dev.mskcdc.localstack.events.ChangeEvent;
import dev.mskcdc.localstack.junit.LocalStackExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debezium's CloudEventsConverter from the ZIP converts a real change event inside the worker: the
 * converter that breaks when Jackson is bundled (two JsonNode classes between plugin and worker).
 */
@ExtendWith(LocalStackExtension.class)
class CloudEventsConverterIT {

    @Test
    void convertsAChangeEventToACloudEvent(LocalStack stack) {
        stack.database()
                .recreateDatabase(
                        "cloudevents",
                        "CREATE TABLE cloudevents.items (id INT PRIMARY KEY, label VARCHAR(32))",
                        "INSERT INTO cloudevents.items VALUES (7, 'seven')");
        ConnectorSpec spec = ConnectorSpec.of("cloudevents", "ce", "cloudevents", "cloudevents\\.items")
                .with("value.converter", "io.debezium.converters.CloudEventsConverter")
                .with("value.converter.serializer.type", "json")
                .with("value.converter.data.serializer.type", "json")
                .with("value.converter.json.schemas.enable", "false");

        List<ChangeEvent> events;
        try (RunningConnector connector = stack.startConnector(spec, RunningConnector.Await.RUNNING)) {
            events = connector.events().pollUntil(received -> !received.isEmpty(), Duration.ofSeconds(90));
        }

        JsonNode cloudEvent = events.get(0).value();
        assertThat(cloudEvent.path("specversion").asText()).isEqualTo("1.0");
        assertThat(cloudEvent.path("type").asText()).isEqualTo("io.debezium.connector.mysql.DataChangeEvent");
        assertThat(cloudEvent.path("source").asText()).startsWith("/debezium/mysql/ce");
        assertThat(cloudEvent.path("iodebeziumop").asText()).isEqualTo("r");
        assertThat(cloudEvent.path("data").path("after"))
                .isEqualTo(new com.fasterxml.jackson.databind.ObjectMapper()
                        .createObjectNode()
                        .put("id", 7)
                        .put("label", "seven"));
    }
}
