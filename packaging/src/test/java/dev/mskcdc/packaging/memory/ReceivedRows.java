package dev.mskcdc.packaging.memory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import dev.mskcdc.localstack.process.Pause;

/**
 * Reads the change events of the large-row tables and keeps, per table, operation and row id, only the digest
 * and length of the {@code payload} column (before and after): rows of megabytes are not held in the test's heap.
 */
final class ReceivedRows implements AutoCloseable {

    /** A {@code payload} value as SHA-256 (lower-case hex, like MySQL's SHA2(x, 256)) and length in bytes. */
    record Digest(String sha256, long length) {

        static Digest of(String text) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            try {
                return new Digest(
                        HexFormat.of()
                                .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)),
                        bytes.length);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** What arrived for one row and operation: {@code before} is null for r and c events. */
    record Change(Digest before, Digest after) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Pattern topics;
    private final Map<String, Map<Integer, Change>> changes = new HashMap<>();
    private long events;
    private long bytes;

    ReceivedRows(String bootstrapServers, Pattern topics) {
        this.consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        this.topics = topics;
    }

    /** Reads what arrived within {@code timeout}. */
    void poll(Duration timeout) {
        assignNewTopics();
        if (consumer.assignment().isEmpty()) {
            Pause.between(timeout, "topics matching " + topics);
            return;
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(timeout)) {
            if (record.value() == null) {
                continue;
            }
            events++;
            bytes += record.value().length;
            JsonNode value = read(record.value());
            String op = value.path("op").asText();
            JsonNode row = "d".equals(op) ? value.path("before") : value.path("after");
            changes.computeIfAbsent(record.topic() + "/" + op, key -> new HashMap<>())
                    .put(row.path("id").asInt(), new Change(digest(value.path("before")), digest(value.path("after"))));
        }
    }

    /** The changes of one operation ({@code r}, {@code c}, {@code u}) on one topic, by row id. */
    Map<Integer, Change> changes(String topic, String op) {
        return changes.getOrDefault(topic + "/" + op, Map.of());
    }

    long events() {
        return events;
    }

    /** The bytes of all change event values read (the worker's JSON). */
    long bytes() {
        return bytes;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }

    /**
     * The connector creates the topics with its first records: each new one is read from its beginning. Assigned, not
     * subscribed: a group's rebalance would read everything again from the beginning.
     */
    private void assignNewTopics() {
        Set<TopicPartition> matching = new HashSet<>();
        consumer.listTopics(Duration.ofSeconds(10)).forEach((topic, partitions) -> {
            if (topics.matcher(topic).matches()) {
                partitions.forEach(partition -> matching.add(new TopicPartition(topic, partition.partition())));
            }
        });
        Set<TopicPartition> added = new HashSet<>(matching);
        added.removeAll(consumer.assignment());
        if (!added.isEmpty()) {
            consumer.assign(matching);
            consumer.seekToBeginning(added);
        }
    }

    private static Digest digest(JsonNode image) {
        return image.isObject() ? Digest.of(image.path("payload").asText()) : null;
    }

    private static JsonNode read(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError("A change event is not JSON: " + e.getMessage(), e);
        }
    }
}
