package dev.mskcdc.connector;

import io.debezium.config.Configuration;
import io.debezium.connector.mysql.MySqlConnectorTask;
import io.debezium.connector.mysql.MySqlOffsetContext;
import io.debezium.connector.mysql.MySqlPartition;
import io.debezium.pipeline.ChangeEventSourceCoordinator;

import dev.mskcdc.connector.recovery.PurgedBinlog;
import dev.mskcdc.connector.retry.RetriableStart;

/**
 * Debezium's MySQL task, unchanged but for its start errors: one on a connection error is retried
 * ({@link RetriableStart}) rather than ending the task FAILED, and a purged binlog position names its fix
 * ({@link PurgedBinlog}).
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
}
