package dev.mskcdc.connector;

import java.util.List;

import io.debezium.config.Configuration;
import io.debezium.connector.mysql.MySqlConnectorTask;
import io.debezium.connector.mysql.MySqlOffsetContext;
import io.debezium.connector.mysql.MySqlPartition;
import io.debezium.pipeline.ChangeEventSourceCoordinator;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.source.SourceRecord;

import dev.mskcdc.connector.recovery.PurgedBinlog;
import dev.mskcdc.connector.retry.RetriableStart;

/**
 * Debezium's MySQL task, unchanged but for its errors: a start error on a connection error is retried
 * ({@link RetriableStart}) rather than ending the task FAILED, and a purged binlog position, at start or when the
 * running task's binlog client reconnects, names its fix ({@link PurgedBinlog}). Retriable errors pass untouched.
 */
public class DebeziumMySqlConnectorTask extends MySqlConnectorTask {

    @Override
    public ChangeEventSourceCoordinator<MySqlPartition, MySqlOffsetContext> start(Configuration config) {
        try {
            return super.start(config);
        } catch (RuntimeException e) {
            throw RetriableStart.classify(PurgedBinlog.explain(e), config);
        }
    }

    /** Debezium's poll; its non-retriable failures (the streaming thread's, thrown from the queue) explained. */
    @Override
    public List<SourceRecord> doPoll() throws InterruptedException {
        try {
            return super.doPoll();
        } catch (RetriableException e) {
            throw e;
        } catch (RuntimeException e) {
            throw PurgedBinlog.explain(e);
        }
    }
}
