package dev.mskcdc.localstack.database;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MariaDbServerTest {

    @Test
    void reportsMySql80WithRowFullBinlogByDefault() throws SQLException {
        try (MariaDbServer server = MariaDbServer.builder().start()) {
            assertThat(GlobalVariables.of(server, "version")).isEqualTo("8.0.39");
            assertThat(GlobalVariables.of(server, "log_bin")).isEqualTo("ON");
            assertThat(GlobalVariables.of(server, "binlog_format")).isEqualTo("ROW");
            assertThat(GlobalVariables.of(server, "binlog_row_image")).isEqualTo("FULL");
        }
    }

    @Test
    void startsWithADeliberateMisconfiguration() throws SQLException {
        try (MariaDbServer server = MariaDbServer.builder()
                .withoutOption("log-bin")
                .option("binlog-format", "STATEMENT")
                .start()) {
            assertThat(GlobalVariables.of(server, "log_bin")).isEqualTo("OFF");
            assertThat(GlobalVariables.of(server, "binlog_format")).isEqualTo("STATEMENT");
        }
    }

    @Test
    void stopsItsProcessOnClose() {
        MariaDbServer server = MariaDbServer.builder().start();
        ProcessHandle handle = ProcessHandle.of(server.pid()).orElseThrow();
        server.close();
        assertThat(handle.isAlive()).isFalse();
    }
}
