package dev.mskcdc.packaging.faults;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import dev.mskcdc.localstack.process.Pause;

/**
 * Reads one single-partition change topic from its beginning in a background thread, noting when each
 * data record arrived (tombstones are skipped), with the given {@code isolation.level}: read_committed
 * hides records of aborted transactions, read_uncommitted shows them.
 */
final class TopicReader implements AutoCloseable {

    /** A data change read back: Debezium's op, the row's id and seq (the before image's for a delete). */
    record Received(long offset, String op, int id, long seq, String snapshot, long receivedAtNanos) {
        String identity() {
            return op + ":" + id + ":" + seq;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String topic;
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Throwable failure;

    TopicReader(String bootstrapServers, String topic, String isolationLevel) {
        this.consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        isolationLevel,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                        5_000),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        this.topic = topic;
        this.thread = new Thread(this::run, "topic-reader-" + topic + "-" + isolationLevel);
        thread.start();
    }

    /** How many snapshots {@code received} shows starting: records with {@code source.snapshot = "first"}. */
    static long snapshotsStarted(List<Received> received) {
        return received.stream()
                .filter(event -> "first".equals(event.snapshot()))
                .count();
    }

    List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** Waits until {@code done} holds for everything received so far. */
    List<Received> awaitReceived(Predicate<List<Received>> done, Duration timeout, String what) {
        Instant deadline = Instant.now().plus(timeout);
        List<Received> now = received();
        while (!done.test(now)) {
            if (failure != null || Instant.now().isAfter(deadline)) {
                throw new AssertionError(
                        "Not received within " + timeout.toSeconds() + " s: " + what + " (" + now.size()
                                + " records on " + topic + ")",
                        failure);
            }
            Pause.between(Duration.ofMillis(200), what);
            now = received();
        }
        return now;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(10_000);
    }

    private void run() {
        try {
            TopicPartition partition = new TopicPartition(topic, 0);
            while (running && !consumer.listTopics(Duration.ofSeconds(10)).containsKey(topic)) {
                Pause.between(Duration.ofMillis(250), "topic " + topic);
            }
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    add(record);
                }
            }
        } catch (WakeupException closing) {
            // close() was called.
        } catch (Throwable e) {
            failure = e;
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void add(ConsumerRecord<byte[], byte[]> record) throws IOException {
        long now = System.nanoTime();
        if (record.value() == null) {
            return; // the tombstone after a delete: the delete itself was counted
        }
        JsonNode value = JSON.readTree(record.value());
        String op = value.path("op").asText();
        JsonNode row = "d".equals(op) ? value.path("before") : value.path("after");
        received.add(new Received(
                record.offset(),
                op,
                row.path("id").asInt(),
                row.path("seq").asLong(),
                value.path("source").path("snapshot").asText("false"),
                now));
    }
}
