package dev.mskcdc.localstack.database;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

import dev.mskcdc.localstack.process.Progress;

import static org.assertj.core.api.Assertions.assertThat;

class MySqlServerTest {

    @Test
    void isMySql80WithRowFullBinlogAndGtidsByDefault() throws SQLException {
        try (MySqlServer server = MySqlServer.builder().start()) {
            assertThat(GlobalVariables.of(server, "version")).isEqualTo("8.0.15");
            assertThat(GlobalVariables.of(server, "version_comment")).contains("MySQL Community Server");
            assertThat(GlobalVariables.of(server, "log_bin")).isEqualTo("ON");
            assertThat(GlobalVariables.of(server, "binlog_format")).isEqualTo("ROW");
            assertThat(GlobalVariables.of(server, "binlog_row_image")).isEqualTo("FULL");
            assertThat(GlobalVariables.of(server, "gtid_mode")).isEqualTo("ON");
            assertThat(GlobalVariables.of(server, "enforce_gtid_consistency")).isEqualTo("ON");
            assertThat(GlobalVariables.of(server, "default_authentication_plugin"))
                    .isEqualTo("mysql_native_password");
        }
    }

    @Test
    void startsWithADeliberateMisconfiguration() throws SQLException {
        try (MySqlServer server = MySqlServer.builder()
                .option("binlog-row-image", "MINIMAL")
                .option("gtid-mode", "OFF")
                .option("enforce-gtid-consistency", "OFF")
                .start()) {
            assertThat(GlobalVariables.of(server, "binlog_row_image")).isEqualTo("MINIMAL");
            assertThat(GlobalVariables.of(server, "gtid_mode")).isEqualTo("OFF");
        }
    }

    @Test
    void keepsItsDataAcrossAStopAndStart() throws SQLException {
        try (MySqlServer server = MySqlServer.builder().start()) {
            server.execute(
                    "CREATE DATABASE kept",
                    "CREATE TABLE kept.t (id INT PRIMARY KEY)",
                    "INSERT INTO kept.t VALUES (7)");
            String gtidsBefore = GlobalVariables.of(server, "gtid_executed");

            server.stop();
            server.startAgain(Progress.silent());

            try (Connection connection = server.adminConnection();
                    Statement statement = connection.createStatement();
                    ResultSet row = statement.executeQuery("SELECT id FROM kept.t")) {
                assertThat(row.next()).isTrue();
                assertThat(row.getInt(1)).isEqualTo(7);
            }
            assertThat(GlobalVariables.of(server, "gtid_executed"))
                    .isEqualTo(gtidsBefore)
                    .isNotBlank();
        }
    }

    @Test
    void stopsItsProcessOnClose() {
        MySqlServer server = MySqlServer.builder().start();
        ProcessHandle handle = ProcessHandle.of(server.pid()).orElseThrow();
        server.close();
        assertThat(handle.isAlive()).isFalse();
    }
}
