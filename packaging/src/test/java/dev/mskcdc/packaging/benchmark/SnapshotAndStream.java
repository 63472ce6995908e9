package dev.mskcdc.packaging.benchmark;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;

import dev.mskcdc.localstack.connect.ConnectRestClient;
import dev.mskcdc.localstack.database.Database;

/**
 * One measured run over an events table ({@link EventRows}): the time from registering the connector until the
 * snapshot's records are in the topic, then the time to stream newly inserted rows into it. Counted from end offsets,
 * so no consumer competes with the worker.
 */
record SnapshotAndStream(double snapshotSeconds, double streamingSeconds) {

    static SnapshotAndStream measure(
            ConnectRestClient rest,
            String connector,
            Map<String, String> config,
            Admin admin,
            String topic,
            Database database,
            String table,
            int snapshotRows,
            int streamedRows,
            Duration wait)
            throws Exception {
        Instant snapshotStart = Instant.now();
        rest.putConnector(connector, config);
        TopicRecords.await(admin, topic, snapshotRows, wait);
        double snapshotSeconds = Elapsed.secondsSince(snapshotStart);
        Instant streamingStart = Instant.now();
        EventRows.insert(database, table, snapshotRows + 1, streamedRows);
        TopicRecords.await(admin, topic, snapshotRows + streamedRows, wait);
        return new SnapshotAndStream(snapshotSeconds, Elapsed.secondsSince(streamingStart));
    }
}
