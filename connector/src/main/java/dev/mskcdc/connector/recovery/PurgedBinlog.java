package dev.mskcdc.connector.recovery;

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
 */
public final class PurgedBinlog {

    /** Debezium 3.6.1's words for a stored position the server no longer has. */
    static final String DEBEZIUM_MESSAGE = "no longer available on the server";

    static final String EXPLANATION = "The binlog position this connector stored is no longer on the database"
            + " server: the binary logs holding it were purged while the connector was stopped or behind (binlog"
            + " retention shorter than the outage; on RDS/Aurora 'binlog retention hours'), or the server's binlog"
            + " history changed (Blue/Green switchover, restore). The changes committed in that gap cannot be read,"
            + " so the task stops instead of skipping them. Fix: take a new snapshot with `msk-deploy resnapshot`"
            + " (`./local-stack.sh resnapshot` on the local stack), and have consumers drop every row of a table that"
            + " the new snapshot of that table does not contain: deletes made during the gap arrive as no event"
            + " (connector/README.md, \"Purged binlog\"). Then keep binlogs longer than the longest outage.";

    private PurgedBinlog() {}

    /** {@code failure} with the cause and the fix named when it is Debezium's purged-position error, else itself. */
    public static RuntimeException explain(RuntimeException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && cause.getMessage().contains(DEBEZIUM_MESSAGE)) {
                return new ConnectException(EXPLANATION, failure);
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return failure;
    }
}
