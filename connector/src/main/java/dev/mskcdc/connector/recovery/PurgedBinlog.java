package dev.mskcdc.connector.recovery;

import java.util.List;

import org.apache.kafka.connect.errors.ConnectException;

/**
 * Names the cause and the kit's fix when the task cannot resume because its binlog position is gone.
 *
 * <p>Debezium 3.6.1 checks the stored position at start ({@code BaseSourceTask.validateSchemaHistory}, through
 * {@code BinlogConnectorConnection.validateLogPosition}: with GTIDs, whether the server purged GTIDs the stored set
 * lacks) and, unless {@code snapshot.mode} re-snapshots on a data error, throws a {@code DebeziumException} "...but
 * this is no longer available on the server. Reconfigure the connector to use a snapshot mode when needed." Its
 * advice alone leaves consumers with the rows deleted during the gap, so this adds what to run and what consumers
 * must do. The error stays non-retriable: the task ends FAILED, nothing is skipped.
 *
 * <p>A running task meets the same gap when its binlog client reconnects (keep-alive, blip) to a position purged
 * meanwhile: the server refuses the dump with error 1236 (ER_MASTER_FATAL_ERROR_READING_BINLOG) and one of MySQL's
 * texts for a purged position, which Debezium passes on as the task's failure
 * ({@code BinlogStreamingChangeEventSource.wrap}); those texts are recognised too.
 */
public final class PurgedBinlog {

    /**
     * Words that mean the stored position is purged: Debezium 3.6.1's at start; MySQL's error 1236 texts for a GTID
     * set whose transactions were purged (ER_MASTER_HAS_PURGED_REQUIRED_GTIDS in 8.0.15's share/errmsg-utf8.txt:
     * "Cannot replicate because the master purged required binary logs"; ER_SOURCE_HAS_PURGED_REQUIRED_GTIDS in
     * mysql-server's current share/messages_to_clients.txt: "... because the source purged required binary logs")
     * and for a binlog file that is gone ("Could not find first log file name in binary log index file", in 8.0.15's
     * mysqld).
     */
    static final List<String> PURGED_POSITION_MESSAGES = List.of(
            "no longer available on the server",
            "purged required binary logs",
            "Could not find first log file name in binary log index file");

    static final String EXPLANATION = "The binlog position this connector stored is no longer on the database"
            + " server: the binary logs holding it were purged while the connector was stopped or behind (binlog"
            + " retention shorter than the outage; on RDS/Aurora 'binlog retention hours'), or the server's binlog"
            + " history changed (Blue/Green switchover, restore). The changes committed in that gap cannot be read,"
            + " so the task stops instead of skipping them. Fix: take a new snapshot with `msk-deploy resnapshot`"
            + " (`./local-stack.sh resnapshot` on the local stack), and have consumers drop every row of a table that"
            + " the new snapshot of that table does not contain: deletes made during the gap arrive as no event"
            + " (connector/README.md, \"Purged binlog\"). Then keep binlogs longer than the longest outage.";

    private PurgedBinlog() {}

    private static boolean namesAPurgedPosition(String message) {
        return message != null && PURGED_POSITION_MESSAGES.stream().anyMatch(message::contains);
    }

    /** {@code failure} with the cause and the fix named when it is Debezium's purged-position error, else itself. */
    public static RuntimeException explain(RuntimeException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (namesAPurgedPosition(cause.getMessage())) {
                return new ConnectException(EXPLANATION, failure);
            }
        }
        return failure;
    }
}
