package dev.mskcdc.connector.preflight;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.mskcdc.connector.preflight.CheckResult.Status;
import dev.mskcdc.localstack.database.MariaDbServer;

import static org.assertj.core.api.Assertions.assertThat;

/** Servers started with one deliberate misconfiguration each: only that check fails, with its fix. */
class MisconfiguredServerPreflightTest {

    @Test
    void serverWithoutBinaryLog() throws Exception {
        try (MariaDbServer db = MariaDbServer.builder().withoutOption("log-bin").start()) {
            PreflightReport report = preflight(db);

            assertThat(PreflightTest.failedChecks(report)).as(report.toText()).containsExactly("binlog-enabled");
            assertThat(report.result("binlog-enabled").finding()).contains("the binary log is off");
            assertThat(report.result("binlog-enabled").fix())
                    .contains(
                            "RDS MySQL: enable automated backups",
                            "Aurora MySQL: set binlog_format=ROW in the DB CLUSTER parameter group");
        }
    }

    // Both settings are read at start-up; one server with both wrong saves a start (several seconds).
    @Test
    void serverWithStatementFormatAndMinimalRowImage() throws Exception {
        try (MariaDbServer db = MariaDbServer.builder()
                .option("binlog-format", "STATEMENT")
                .option("binlog-row-image", "MINIMAL")
                .start()) {
            PreflightReport report = preflight(db);

            assertThat(PreflightTest.failedChecks(report))
                    .as(report.toText())
                    .containsExactly("binlog-format", "binlog-row-image");
            assertThat(report.result("binlog-format").finding())
                    .isEqualTo("binlog_format=STATEMENT; Debezium needs ROW");
            assertThat(report.result("binlog-format").fix())
                    .startsWith(
                            "RDS/Aurora: set binlog_format=ROW in the (cluster) parameter group and reboot the writer.")
                    .contains("SET PERSIST binlog_format='ROW';");
            assertThat(report.result("binlog-row-image").finding())
                    .isEqualTo("binlog_row_image=MINIMAL; Debezium needs FULL");
            assertThat(report.result("binlog-row-image").fix())
                    .startsWith(
                            "RDS/Aurora: set binlog_row_image=FULL in the (cluster) parameter group and reboot the writer.")
                    .contains("SET PERSIST binlog_row_image='FULL';");
        }
    }

    private static PreflightReport preflight(MariaDbServer db) throws Exception {
        PreflightTest.createShopSchemaAndConnectorUser(db);
        PreflightReport report = PreflightTest.runAgainst(db, Map.of(), "debezium", PreflightTest.PASSWORD);
        assertThat(report.result("connection").status()).isEqualTo(Status.PASS);
        return report;
    }
}
