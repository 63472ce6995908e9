package dev.mskcdc.localstack.events;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import dev.mskcdc.localstack.process.LocalStackException;
import dev.mskcdc.localstack.process.Pause;

/**
 * Reads change events, from the beginning, from every topic matching a pattern, including topics
 * created later. It assigns partitions itself instead of joining a consumer group: no rebalance, so
 * nothing is read twice and nothing waits for a group to form.
 */
public final class ChangeEventConsumer implements AutoCloseable {

    /** JSON numbers keep every digit and their scale (DECIMAL(65,30) does not fit a double), as in Connect's JsonConverter. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true));

    private static final Duration TOPIC_DISCOVERY_INTERVAL = Duration.ofSeconds(1);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Pattern topics;
    private final List<ChangeEvent> received = new ArrayList<>();
    private Set<TopicPartition> assigned = Set.of();
    private Instant nextDiscovery = Instant.EPOCH;

    public ChangeEventConsumer(String bootstrapServers, Pattern topics) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.topics = topics;
    }

    /** Polls once and returns what arrived (also kept in {@link #received()}). */
    public List<ChangeEvent> poll(Duration timeout) {
        discoverTopics();
        if (assigned.isEmpty()) {
            Pause.between(timeout, "topics matching " + topics);
            return List.of();
        }
        List<ChangeEvent> batch = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(timeout)) {
            batch.add(toEvent(record));
        }
        received.addAll(batch);
        return batch;
    }

    /** Polls until {@code done} holds for everything received so far; fails with what arrived on time-out. */
    public List<ChangeEvent> pollUntil(Predicate<List<ChangeEvent>> done, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (!done.test(received)) {
            if (Instant.now().isAfter(deadline)) {
                throw new LocalStackException("Expected change events did not arrive within " + timeout.toSeconds()
                        + " s. Received " + received.size() + ":\n" + describe(received));
            }
            poll(Duration.ofMillis(500));
        }
        return List.copyOf(received);
    }

    /** Polls until the last record of the initial snapshot has arrived (see {@link ChangeEvent#isLastOfSnapshot()}). */
    public List<ChangeEvent> awaitSnapshotCompleted(Duration timeout) {
        return pollUntil(all -> all.stream().anyMatch(ChangeEvent::isLastOfSnapshot), timeout);
    }

    /** Everything received so far, in arrival order. */
    public List<ChangeEvent> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }

    /** Adds the partitions of newly created matching topics, read from their beginning. */
    private void discoverTopics() {
        if (Instant.now().isBefore(nextDiscovery)) {
            return;
        }
        nextDiscovery = Instant.now().plus(TOPIC_DISCOVERY_INTERVAL);
        Set<TopicPartition> matching = new HashSet<>();
        consumer.listTopics(Duration.ofSeconds(10)).forEach((topic, partitions) -> {
            if (topics.matcher(topic).matches()) {
                partitions.forEach(partition -> matching.add(new TopicPartition(topic, partition.partition())));
            }
        });
        if (!matching.equals(assigned)) {
            Set<TopicPartition> added = new HashSet<>(matching);
            added.removeAll(assigned);
            consumer.assign(matching);
            consumer.seekToBeginning(added);
            assigned = matching;
        }
    }

    private static ChangeEvent toEvent(ConsumerRecord<byte[], byte[]> record) {
        Map<String, String> headers = new HashMap<>();
        for (Header header : record.headers()) {
            headers.put(
                    header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
        }
        return new ChangeEvent(
                record.topic(),
                record.partition(),
                record.offset(),
                parse(record.key()),
                parse(record.value()),
                headers);
    }

    private static JsonNode parse(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(new String(bytes, StandardCharsets.UTF_8));
        }
    }

    private static String describe(List<ChangeEvent> events) {
        StringBuilder text = new StringBuilder();
        events.forEach(event -> text.append("  ").append(event).append('\n'));
        return text.toString();
    }
}
