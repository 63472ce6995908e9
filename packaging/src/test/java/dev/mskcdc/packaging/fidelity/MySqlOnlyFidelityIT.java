package dev.mskcdc.packaging.fidelity;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.mskcdc.localstack.LocalStack;
import dev.mskcdc.localstack.config.ConnectorSpec;
import dev.mskcdc.localstack.connector.RunningConnector;
import dev.mskcdc.localstack.events.ChangeEvent;
import dev.mskcdc.localstack.events.ChangeEventConsumer;
import dev.mskcdc.localstack.junit.LocalStackExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Fidelity cases the type matrix does not reach, with the reference configuration on the stack's engine: a zero
 * date in a NOT NULL column, and JSON updates logged with {@code binlog_row_value_options=PARTIAL_JSON} (MySQL only).
 * Every expected value is read from the database.
 */
@ExtendWith(LocalStackExtension.class)
class MySqlOnlyFidelityIT {

    private static final Duration WAIT = Duration.ofMinutes(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void zeroTimestampInANotNullColumnArrivesAsTheColumnDefault(LocalStack stack) throws Exception {
        String db = "zerots";
        stack.database()
                .recreateDatabase(
                        db,
                        "CREATE TABLE " + db
                                + ".t (id INT PRIMARY KEY, ts TIMESTAMP NOT NULL DEFAULT '2000-01-01 00:00:00')",
                        "INSERT INTO " + db + ".t (id) VALUES (0)");
        try (RunningConnector connector = start(stack, db)) {
            ChangeEventConsumer events = connector.events();
            writeWithLaxSqlMode(stack, "INSERT INTO " + db + ".t VALUES (1, '0000-00-00 00:00:00')");
            List<ChangeEvent> received = events.pollUntil(all -> find(all, "c", 1) != null, WAIT);

            assertThat(text(stack, "SELECT CAST(ts AS CHAR) FROM " + db + ".t WHERE id = 1"))
                    .as("what the row holds")
                    .isEqualTo("0000-00-00 00:00:00");
            assertThat(text(stack, "SELECT CAST(ts AS CHAR) FROM " + db + ".t WHERE id = 0"))
                    .as("row 0 holds the column's DEFAULT")
                    .isEqualTo("2000-01-01 00:00:00");
            JsonNode defaultAsEvent = find(received, "r", 0).after().get("ts");
            // Debezium 3.6.1 turns the zero date into null and, the column being NOT NULL, emits the schema's default
            // instead (io.debezium.jdbc.JdbcValueConverters#convertValue): a value the row never held.
            assertThat(find(received, "c", 1).after().get("ts"))
                    .as("the zero date's event")
                    .isEqualTo(defaultAsEvent);
        }
    }

    @Test
    void jsonUpdatesLoggedAsPartialDocumentsProduceNoEventAtAll(LocalStack stack) throws Exception {
        String db = "partialjson";
        stack.database()
                .recreateDatabase(
                        db,
                        "CREATE TABLE " + db + ".t (id INT PRIMARY KEY, js JSON, note VARCHAR(16))",
                        "INSERT INTO " + db + ".t VALUES (1, '{\"a\": 1, \"b\": [1, 2], \"c\": \"keep\"}', 'seed')");
        assumeTrue(
                text(stack, "SELECT VERSION()").startsWith("8.0.15"),
                "binlog_row_value_options exists on MySQL 8.0 only (not on MariaDB)");
        String before = text(stack, "SELECT @@GLOBAL.binlog_row_value_options");
        try (RunningConnector connector = start(stack, db)) {
            ChangeEventConsumer events = connector.events();
            stack.database().execute("SET GLOBAL binlog_row_value_options = 'PARTIAL_JSON'");
            try {
                stack.database()
                        .execute(
                                "UPDATE " + db + ".t SET js = JSON_SET(js, '$.a', 2), note = 'set' WHERE id = 1",
                                "UPDATE " + db
                                        + ".t SET js = JSON_REPLACE(js, '$.c', 'changed'), note = 'replace' WHERE id = 1",
                                "UPDATE " + db + ".t SET js = JSON_REMOVE(js, '$.b'), note = 'remove' WHERE id = 1");
            } finally {
                stack.database().execute("SET GLOBAL binlog_row_value_options = '" + before + "'");
            }
            // A marker written with the option off again: once its event arrives, every earlier change is in.
            stack.database().execute("UPDATE " + db + ".t SET note = 'marker' WHERE id = 1");
            List<ChangeEvent> received = events.pollUntil(
                    all -> all.stream()
                            .anyMatch(e -> "u".equals(e.op())
                                    && "marker".equals(e.after().path("note").asText())),
                    WAIT);
            List<String> partialUpdates = received.stream()
                    .filter(e -> "u".equals(e.op()))
                    .map(e -> e.after().path("note").asText())
                    .filter(note -> !note.equals("marker"))
                    .toList();
            // Debezium 3.6.1 emits no event for an update logged as a PARTIAL_UPDATE_ROWS_EVENT: three committed
            // changes lost without an error, which the preflight's binlog-row-value-options check fails on.
            assertThat(partialUpdates)
                    .as("events of the three JSON updates logged as partial documents")
                    .isEmpty();
            ChangeEvent marker = received.stream()
                    .filter(e -> "u".equals(e.op())
                            && "marker".equals(e.after().path("note").asText()))
                    .findFirst()
                    .orElseThrow();
            assertThat(JSON.readTree(marker.after().get("js").asText()))
                    .as("the full document, logged whole once the option is off")
                    .isEqualTo(JSON.readTree(text(stack, "SELECT js FROM " + db + ".t WHERE id = 1")));
            assertThat(marker.before().path("note").asText())
                    .as("the row as the database held it before the marker")
                    .isEqualTo("remove");
        }
    }

    private static RunningConnector start(LocalStack stack, String db) {
        return stack.startConnector(ConnectorSpec.of(db, db, db, db + "\\.t"));
    }

    private static void writeWithLaxSqlMode(LocalStack stack, String sql) throws SQLException {
        try (Connection connection = stack.database().adminConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("SET SESSION sql_mode = ''");
            statement.execute(sql);
        }
    }

    private static String text(LocalStack stack, String sql) throws SQLException {
        try (Connection connection = stack.database().adminConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }

    private static ChangeEvent find(List<ChangeEvent> events, String op, int id) {
        return events.stream()
                .filter(e -> op.equals(e.op())
                        && e.after() != null
                        && e.after().path("id").asInt(-1) == id)
                .findFirst()
                .orElse(null);
    }
}
