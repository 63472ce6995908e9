package dev.mskcdc.connector.preflight;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.mskcdc.connector.preflight.CheckResult.Status;
import dev.mskcdc.localstack.database.MySqlServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The preflight against real MySQL 8.0 servers: its answers come from the server's own variables. One server as the
 * stack runs it serves every test that changes a dynamic variable (SET GLOBAL, restored afterwards); a setting read
 * only at start-up needs a server of its own.
 */
class MySqlServerPreflightTest {

    private static MySqlServer server;

    @BeforeAll
    static void startServer() {
        server = MySqlServer.builder().start();
        createSchema(server);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void mySql80AsTheStackRunsItPassesEveryCheck() throws Exception {
        PreflightReport report = preflight(server);

        assertThat(PreflightTest.failedChecks(report)).as(report.toText()).isEmpty();
        assertThat(report.result("gtid-mode").status()).isEqualTo(Status.PASS);
        assertThat(report.result("binlog-row-value-options").finding()).contains("is empty");
        assertThat(report.result("zero-dates").finding()).contains("refuses zero dates");
    }

    @Test
    void binlogRowImageOtherThanFullFailsAsDebeziumRefusesToStream() throws Exception {
        for (String image : new String[] {"MINIMAL", "NOBLOB"}) {
            Answer answer = withGlobal("binlog_row_image", image, "binlog-row-image");

            assertThat(answer.serverValue()).isEqualToIgnoringCase(image);
            assertThat(answer.result().status()).isEqualTo(Status.FAIL);
            assertThat(answer.result().finding())
                    .isEqualTo("binlog_row_image=" + answer.serverValue() + "; Debezium needs FULL");
            assertThat(answer.result().fix())
                    .startsWith(
                            "RDS/Aurora: set binlog_row_image=FULL in the (cluster) parameter group and reboot the writer.")
                    .contains("SET PERSIST binlog_row_image='FULL';");
        }

        Answer full = withGlobal("binlog_row_image", "FULL", "binlog-row-image");
        assertThat(full.result().status()).isEqualTo(Status.PASS);
        assertThat(full.result().finding()).isEqualTo("binlog_row_image=" + full.serverValue());
    }

    @Test
    void partialJsonFailsAndAnEmptyBinlogRowValueOptionsPasses() throws Exception {
        Answer partial = withGlobal("binlog_row_value_options", "PARTIAL_JSON", "binlog-row-value-options");
        assertThat(partial.serverValue()).isEqualTo("PARTIAL_JSON");
        assertThat(partial.result().status()).isEqualTo(Status.FAIL);
        assertThat(partial.result().finding())
                .startsWith("binlog_row_value_options=" + partial.serverValue() + ": an update made with JSON_SET")
                .contains("emits no change event");
        assertThat(partial.result().fix()).contains("SET PERSIST binlog_row_value_options='';");

        Answer empty = withGlobal("binlog_row_value_options", "", "binlog-row-value-options");
        assertThat(empty.serverValue()).isEmpty();
        assertThat(empty.result().status()).isEqualTo(Status.PASS);
        assertThat(empty.result().finding())
                .isEqualTo("binlog_row_value_options is empty: JSON updates are logged whole");
    }

    @Test
    void binlogRowMetadataIsReportedAndPassesAtEitherValue() throws Exception {
        for (String metadata : new String[] {"MINIMAL", "FULL"}) {
            Answer answer = withGlobal("binlog_row_metadata", metadata, "binlog-row-metadata");

            assertThat(answer.serverValue()).isEqualTo(metadata);
            assertThat(answer.result().status()).isEqualTo(Status.PASS);
            assertThat(answer.result().finding())
                    .startsWith("binlog_row_metadata=" + answer.serverValue() + ": any value works")
                    .contains("reads no optional TABLE_MAP metadata");
        }
    }

    // Each setting is read at start-up; one server with all of them wrong saves starts (several seconds each).
    @Test
    void minimalRowImagePartialJsonAndLaxSqlModeAreEachReported() throws Exception {
        try (MySqlServer db = MySqlServer.builder()
                .option("binlog-row-image", "MINIMAL")
                .option("binlog-row-value-options", "PARTIAL_JSON")
                .option("sql-mode", "NO_ENGINE_SUBSTITUTION")
                .start()) {
            createSchema(db);
            PreflightReport report = preflight(db);

            assertThat(PreflightTest.failedChecks(report))
                    .as(report.toText())
                    .containsExactly("binlog-row-image", "binlog-row-value-options");
            assertThat(report.result("binlog-row-image").finding())
                    .isEqualTo("binlog_row_image=MINIMAL; Debezium needs FULL");
            assertThat(report.result("binlog-row-value-options").finding())
                    .startsWith("binlog_row_value_options=PARTIAL_JSON");
            assertThat(report.result("binlog-row-value-options").fix())
                    .contains("SET PERSIST binlog_row_value_options='';");
            CheckResult zeroDates = report.result("zero-dates");
            assertThat(zeroDates.status()).as(zeroDates.finding()).isEqualTo(Status.WARN);
            assertThat(zeroDates.finding())
                    .contains("shop.orders.placed_at", "arrives in Kafka as the column's DEFAULT");
        }
    }

    /** The value the server reports for a global variable set to {@code value}, and what one check said about it. */
    private record Answer(String serverValue, CheckResult result) {}

    /** Sets a global variable, runs the preflight, and restores the variable whatever happens. */
    private static Answer withGlobal(String variable, String value, String checkId) throws Exception {
        String before = global(variable);
        server.execute("SET GLOBAL " + variable + " = '" + value + "'");
        try {
            return new Answer(global(variable), preflight(server).result(checkId));
        } finally {
            server.execute("SET GLOBAL " + variable + " = '" + before + "'");
        }
    }

    private static String global(String variable) throws SQLException {
        try (Connection connection = server.adminConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT @@GLOBAL." + variable)) {
            row.next();
            return row.getString(1);
        }
    }

    private static void createSchema(MySqlServer db) {
        PreflightTest.createShopSchemaAndConnectorUser(db);
        db.execute("ALTER TABLE shop.orders ADD COLUMN placed_at TIMESTAMP NOT NULL DEFAULT '2000-01-01 00:00:00'");
    }

    private static PreflightReport preflight(MySqlServer db) throws Exception {
        PreflightReport report = PreflightTest.runAgainst(db, Map.of(), "debezium", PreflightTest.PASSWORD);
        assertThat(report.result("connection").status()).isEqualTo(Status.PASS);
        return report;
    }
}
