package dev.mskcdc.localstack.signals;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.mskcdc.localstack.connect.ConnectRestClient;
import dev.mskcdc.localstack.process.LocalStackException;

/**
 * The kit's "add a table" step through the reference config's Kafka signal channel (the table and topic it needs
 * come from {@link SignalProvisioning}). {@link #addTables} is {@code msk-deploy add-table} against a local worker:
 * the connector's {@code table.include.list} grows in place, then an {@code execute-snapshot} signal names only the
 * new tables, keyed by {@code topic.prefix}.
 */
public final class SignalChannel {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SignalChannel() {}

    /**
     * Adds {@code tables} ({@code database.table}) to the running connector's {@code table.include.list}
     * and asks Debezium to snapshot only them, incrementally, through the Kafka signal channel. Returns the
     * updated configuration.
     */
    public static Map<String, String> addTables(
            ConnectRestClient rest, String bootstrapServers, String connector, List<String> tables, Duration timeout) {
        Map<String, String> config = new LinkedHashMap<>();
        rest.config(connector)
                .fields()
                .forEachRemaining(
                        entry -> config.put(entry.getKey(), entry.getValue().asText()));
        config.put("table.include.list", withTables(config.get("table.include.list"), tables));
        rest.reconfigure(connector, config, timeout);
        String topic = Optional.ofNullable(config.get("signal.kafka.topic"))
                .orElseThrow(() -> new LocalStackException("Connector " + connector + " has no signal.kafka.topic:"
                        + " the reference config's Kafka signal channel is needed to snapshot added tables."));
        send(bootstrapServers, topic, config.get("topic.prefix"), executeSnapshot(tables));
        return config;
    }

    /** The include list with each table appended as an exact (quoted) regular expression, unless already there. */
    static String withTables(String includeList, List<String> tables) {
        StringBuilder list = new StringBuilder(includeList == null ? "" : includeList.strip());
        Set<String> present = Set.of(list.toString().split("\\s*,\\s*"));
        for (String table : tables) {
            String entry = table.replace(".", "\\.");
            if (!present.contains(entry) && !present.contains(table)) {
                list.append(list.length() == 0 ? "" : ",").append(entry);
            }
        }
        return list.toString();
    }

    /** Debezium's execute-snapshot signal: an incremental snapshot of exactly these tables. */
    static String executeSnapshot(List<String> tables) {
        ObjectNode signal = JSON.createObjectNode();
        signal.put("id", UUID.randomUUID().toString());
        signal.put("type", "execute-snapshot");
        ObjectNode data = signal.putObject("data");
        tables.forEach(data.putArray("data-collections")::add);
        data.put("type", "incremental");
        return signal.toString();
    }

    private static void send(String bootstrapServers, String topic, String key, String value) {
        Map<String, Object> config =
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, 0, key, value)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new LocalStackException("Cannot send the signal to " + topic + ": " + e.getMessage(), e);
        }
    }
}
