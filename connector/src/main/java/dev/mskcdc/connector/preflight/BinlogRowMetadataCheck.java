package dev.mskcdc.connector.preflight;

import static dev.mskcdc.connector.preflight.Outcome.pass;

/**
 * Reports {@code binlog_row_metadata} (MySQL 8.0.1+, MariaDB 10.5+). FULL adds column names, primary keys and
 * ENUM/SET strings to each TABLE_MAP event; Debezium 3.6.1 reads none of it: its streaming source takes only the
 * table id, database and table name from a TABLE_MAP event ({@code BinlogStreamingChangeEventSource
 * #handleUpdateTableMetadata}), never calls {@code TableMapEventData#getEventMetadata}, and maps a row's values to
 * columns by position with the schema it keeps from DDL. So every value works and the line only informs.
 */
final class BinlogRowMetadataCheck implements Check {

    @Override
    public Outcome run(ServerView server, ConnectorSettings settings) {
        return pass(server.variable("binlog_row_metadata")
                .map(value -> "binlog_row_metadata=" + value + ": any value works, as Debezium 3.6.1 reads no optional"
                        + " TABLE_MAP metadata (it maps row values to columns by position, with the schema it keeps"
                        + " from DDL)")
                .orElse("the server has no binlog_row_metadata (its TABLE_MAP events carry no optional metadata)"));
    }
}
