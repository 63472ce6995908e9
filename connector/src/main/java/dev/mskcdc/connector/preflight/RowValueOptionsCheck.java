package dev.mskcdc.connector.preflight;

import java.util.Locale;
import java.util.Optional;

import static dev.mskcdc.connector.preflight.Outcome.fail;
import static dev.mskcdc.connector.preflight.Outcome.pass;

/**
 * MySQL 8.0's {@code binlog_row_value_options=PARTIAL_JSON} logs an update made with {@code JSON_SET},
 * {@code JSON_REPLACE} or {@code JSON_REMOVE} as a diff of the document (a {@code PARTIAL_UPDATE_ROWS_EVENT}) instead
 * of the whole row. Debezium 3.6.1 emits no change event at all for such an update and logs nothing: the change is
 * lost (measured on MySQL 8.0.15 by packaging's MySqlOnlyFidelityIT).
 */
final class RowValueOptionsCheck implements Check {

    @Override
    public Outcome run(ServerView server, ConnectorSettings settings) {
        Optional<String> value = server.variable("binlog_row_value_options");
        if (value.isPresent() && value.get().toUpperCase(Locale.ROOT).contains("PARTIAL_JSON")) {
            return fail(
                    "binlog_row_value_options=" + value.get()
                            + ": an update made with JSON_SET/JSON_REPLACE/JSON_REMOVE is logged as a partial document, for which"
                            + " Debezium 3.6.1 emits no change event (the change is lost without an error)",
                    "RDS/Aurora: set binlog_row_value_options to empty in the (cluster) parameter group and reboot the "
                            + "writer. Self-managed: SET PERSIST binlog_row_value_options='';");
        }
        return pass(
                value.isEmpty()
                        ? "the server has no binlog_row_value_options (JSON updates are logged whole)"
                        : "binlog_row_value_options is empty: JSON updates are logged whole");
    }
}
