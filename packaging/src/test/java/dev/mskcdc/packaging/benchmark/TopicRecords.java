package dev.mskcdc.packaging.benchmark;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;

import dev.mskcdc.localstack.process.Pause;

/**
 * How many records topics hold, read from their end offsets (no consumer competes with the worker for CPU), and
 * waits for a count. Every benchmark topic has one partition and is never compacted while measured.
 */
final class TopicRecords {

    private static final Duration POLL = Duration.ofMillis(100);

    private TopicRecords() {}

    /** The end offset of each partition. */
    static Map<TopicPartition, Long> endOffsets(Admin admin, Collection<TopicPartition> partitions) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(partition -> request.put(partition, OffsetSpec.latest()));
        Map<TopicPartition, Long> offsets = new HashMap<>();
        admin.listOffsets(request)
                .all()
                .get(1, TimeUnit.MINUTES)
                .forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }

    /** The bytes the broker's logs hold for the partitions (record batches as stored: compressed, with headers). */
    static long storedBytes(Admin admin, Collection<TopicPartition> partitions) throws Exception {
        List<Integer> brokers = admin.describeCluster().nodes().get(1, TimeUnit.MINUTES).stream()
                .map(Node::id)
                .toList();
        long bytes = 0;
        for (Map<String, LogDirDescription> dirs : admin.describeLogDirs(brokers)
                .allDescriptions()
                .get(1, TimeUnit.MINUTES)
                .values()) {
            for (LogDirDescription dir : dirs.values()) {
                for (Map.Entry<TopicPartition, ReplicaInfo> replica :
                        dir.replicaInfos().entrySet()) {
                    if (partitions.contains(replica.getKey())) {
                        bytes += replica.getValue().size();
                    }
                }
            }
        }
        return bytes;
    }

    /** The records the partitions hold together; 0 for a topic the connector has not created yet. */
    static long count(Admin admin, Collection<TopicPartition> partitions) throws Exception {
        try {
            return endOffsets(admin, partitions).values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
        } catch (ExecutionException | TimeoutException topicNotThereYet) {
            return 0;
        }
    }

    /** Waits until {@code topic}'s one partition holds {@code expected} records. */
    static void await(Admin admin, String topic, long expected, Duration wait) throws Exception {
        await(admin, List.of(new TopicPartition(topic, 0)), expected, wait);
    }

    /** Waits until the partitions hold {@code expected} records together; fails after {@code wait}. */
    static void await(Admin admin, Collection<TopicPartition> partitions, long expected, Duration wait)
            throws Exception {
        Instant deadline = Instant.now().plus(wait);
        long records;
        while ((records = count(admin, partitions)) < expected) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(
                        partitions + " hold " + records + " records, not " + expected + ", after " + wait);
            }
            Pause.between(POLL, expected + " records in " + partitions);
        }
    }
}
