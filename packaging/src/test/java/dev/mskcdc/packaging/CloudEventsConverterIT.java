package dev.mskcdc.packaging;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.mskcdc.localstack.LocalStack;
import dev.mskcdc.localstack.events.ChangeEvent;
import dev.mskcdc.localstack.events.ChangeEventConsumer;
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
                .execute(
                        "DROP DATABASE IF EXISTS cloudevents",
                        "CREATE DATABASE cloudevents",
                        "CREATE TABLE cloudevents.items (id INT PRIMARY KEY, label VARCHAR(32))",
                        "INSERT INTO cloudevents.items VALUES (7, 'seven')");
        Map<String, String> config = new HashMap<>(stack.connectorConfig("ce", "cloudevents", "cloudevents\\.items"));
        config.put("value.converter", "io.debezium.converters.CloudEventsConverter");
        config.put("value.converter.serializer.type", "json");
        config.put("value.converter.data.serializer.type", "json");
        config.put("value.converter.json.schemas.enable", "false");
        stack.worker().rest().putConnector("cloudevents", config);
        stack.worker().rest().awaitRunning("cloudevents", Duration.ofSeconds(90));

        List<ChangeEvent> events;
        try (ChangeEventConsumer consumer = new ChangeEventConsumer(
                stack.kafka().bootstrapServers(), Pattern.compile("ce\\.cloudevents\\.items"))) {
            events = consumer.pollUntil(received -> !received.isEmpty(), Duration.ofSeconds(90));
        }
        stack.worker().rest().deleteConnector("cloudevents");

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
