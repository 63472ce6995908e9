package dev.mskcdc.connector.preflight;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.mskcdc.connector.preflight.CheckResult.Status;
import dev.mskcdc.localstack.database.MySqlServer;

import static org.assertj.core.api.Assertions.assertThat;

/** The preflight against real MySQL 8.0 servers: its answers come from the server's own variables. */
class MySqlServerPreflightTest {

    @Test
    void mySql80AsTheStackRunsItPassesEveryCheck() throws Exception {
        try (MySqlServer db = MySqlServer.builder().start()) {
            PreflightReport report = preflight(db);

            assertThat(PreflightTest.failedChecks(report)).as(report.toText()).isEmpty();
            assertThat(report.result("gtid-mode").status()).isEqualTo(Status.PASS);
            assertThat(report.result("binlog-row-value-options").finding()).contains("is empty");
            assertThat(report.result("zero-dates").finding()).contains("refuses zero dates");
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

    private static PreflightReport preflight(MySqlServer db) throws Exception {
        PreflightTest.createShopSchemaAndConnectorUser(db);
        db.execute("ALTER TABLE shop.orders ADD COLUMN placed_at TIMESTAMP NOT NULL DEFAULT '2000-01-01 00:00:00'");
        PreflightReport report = PreflightTest.runAgainst(db, Map.of(), "debezium", PreflightTest.PASSWORD);
        assertThat(report.result("connection").status()).isEqualTo(Status.PASS);
        return report;
    }
}
