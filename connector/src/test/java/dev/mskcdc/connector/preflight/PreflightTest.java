package dev.mskcdc.connector.preflight;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mskcdc.connector.preflight.CheckResult.Status;
import dev.mskcdc.localstack.database.Database;
import dev.mskcdc.localstack.database.MariaDbServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The preflight against one real MariaDB configured as the connector needs it; each test adds one
 * problem a user can cause (grants, keys, include lists, server id, retention) and removes it again.
 */
class PreflightTest {

    static final String PASSWORD = "cdc-Secret-8812";
    private static MariaDbServer server;

    @TempDir
    Path workDir;

    @BeforeAll
    static void startServer() {
        server = MariaDbServer.builder().start();
        createShopSchemaAndConnectorUser(server);
        server.execute(
                "CREATE USER 'partial'@'%' IDENTIFIED BY '" + PASSWORD + "'",
                "GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE ON *.* TO 'partial'@'%'",
                "GRANT INSERT ON shop.debezium_signal TO 'partial'@'%'",
                "CREATE USER 'admin'@'%' IDENTIFIED BY '" + PASSWORD + "'",
                "GRANT ALL PRIVILEGES ON *.* TO 'admin'@'%'");
    }

    static void createShopSchemaAndConnectorUser(Database db) {
        db.execute(
                "CREATE DATABASE shop",
                "CREATE TABLE shop.orders (id BIGINT PRIMARY KEY, customer VARCHAR(100))",
                "CREATE TABLE shop.order_lines (order_id BIGINT, line INT, sku VARCHAR(40), PRIMARY KEY (order_id, line))",
                "CREATE TABLE shop.audit_log (happened_at TIMESTAMP, entry_id BIGINT, message TEXT)",
                "CREATE TABLE shop.debezium_signal (id VARCHAR(42) PRIMARY KEY, type VARCHAR(32) NOT NULL, data TEXT)",
                "CREATE USER 'debezium'@'%' IDENTIFIED BY '" + PASSWORD + "'",
                "GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT, LOCK TABLES ON *.* TO 'debezium'@'%'",
                "GRANT INSERT ON shop.debezium_signal TO 'debezium'@'%'");
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void correctlyConfiguredServerPassesEveryCheck() throws Exception {
        PreflightReport report = run(Map.of(), "debezium");

        // The order itself is pinned by connector/README.md's table (PreflightChecksDocumentedTest).
        assertThat(report.results())
                .extracting(CheckResult::id)
                .containsExactlyElementsOf(
                        Preflight.CHECKLIST.stream().map(Preflight.Item::id).toList());
        assertThat(report.results()).as(report.toText()).allMatch(result -> result.status() == Status.PASS);
        assertThat(report.passed()).isTrue();
        assertThat(report.result("include-list").finding()).contains("2 table(s)", "shop.order_lines", "shop.orders");
    }

    @Test
    void missingGrantsAreNamedWithTheGrantStatementThatFixesThem() throws Exception {
        PreflightReport report = run(Map.of("snapshot.locking.mode", "minimal"), "partial");

        CheckResult grants = report.result("grants");
        assertThat(grants.status()).isEqualTo(Status.FAIL);
        assertThat(grants.finding())
                .contains(
                        "REPLICATION CLIENT",
                        "LOCK TABLES",
                        "snapshot.locking.mode=minimal",
                        "until every row is read");
        assertThat(grants.fix()).isEqualTo("GRANT REPLICATION CLIENT, LOCK TABLES ON *.* TO 'partial'@'%';");
        assertThat(report.passed()).isFalse();
        assertThat(failedChecks(report)).containsExactly("grants");
    }

    @Test
    void lockTablesIsNotRequiredWhenTheSnapshotTakesNoLocksAsInTheReferenceConfig() throws Exception {
        PreflightReport report = run(Map.of(), "partial");

        assertThat(report.result("grants").fix()).isEqualTo("GRANT REPLICATION CLIENT ON *.* TO 'partial'@'%';");
    }

    @Test
    void signalTableMustExistInACapturedDatabaseWithDebeziumsColumnsAndAcceptInserts() throws Exception {
        assertThat(run(Map.of(), "debezium").result("signal-table").finding())
                .isEqualTo(
                        "shop.debezium_signal exists in a captured database with columns id, type, data; INSERT granted");

        CheckResult missing = run(Map.of("signal.data.collection", "shop.signals"), "debezium")
                .result("signal-table");
        assertThat(missing.status()).isEqualTo(Status.FAIL);
        assertThat(missing.finding())
                .isEqualTo("the signal table shop.signals does not exist (or the user cannot see it)");
        assertThat(missing.fix())
                .isEqualTo("CREATE TABLE shop.signals (id VARCHAR(42) PRIMARY KEY, type VARCHAR(32) NOT NULL,"
                        + " data TEXT);\nGRANT INSERT ON shop.signals TO 'debezium'@'%';");

        CheckResult elsewhere = run(Map.of("signal.data.collection", "mysql.debezium_signal"), "debezium")
                .result("signal-table");
        assertThat(elsewhere.status()).isEqualTo(Status.FAIL);
        assertThat(elsewhere.finding()).contains("database mysql is not captured (database.include.list)");

        CheckResult wrongColumns =
                run(Map.of("signal.data.collection", "shop.orders"), "debezium").result("signal-table");
        assertThat(wrongColumns.status()).isEqualTo(Status.FAIL);
        assertThat(wrongColumns.finding())
                .isEqualTo("the signal table shop.orders has columns (id, customer);"
                        + " Debezium inserts its watermarks as VALUES (id, type, data), by position");

        server.execute(
                "CREATE USER 'noinsert'@'%' IDENTIFIED BY '" + PASSWORD + "'",
                "GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO 'noinsert'@'%'");
        CheckResult noInsert = run(Map.of(), "noinsert").result("signal-table");
        assertThat(noInsert.status()).isEqualTo(Status.FAIL);
        assertThat(noInsert.finding()).startsWith("the connector user may not INSERT into shop.debezium_signal");
        assertThat(noInsert.fix()).isEqualTo("GRANT INSERT ON shop.debezium_signal TO 'noinsert'@'%';");
    }

    @Test
    void tableWithoutPrimaryKeyFailsUntilAKeyIsConfigured() throws Exception {
        Map<String, String> withAuditLog = Map.of("table.include.list", "shop\\.orders,shop\\.audit_log");

        CheckResult noKey = run(withAuditLog, "debezium").result("primary-keys");
        assertThat(noKey.status()).isEqualTo(Status.FAIL);
        assertThat(noKey.finding()).startsWith("shop.audit_log has no primary key");
        assertThat(noKey.fix()).contains("ALTER TABLE <table> ADD PRIMARY KEY", "message.key.columns=");

        Map<String, String> keyed = Map.of(
                "table.include.list",
                "shop\\.orders,shop\\.audit_log",
                "message.key.columns",
                "shop\\.audit_log:entry_id");
        assertThat(run(keyed, "debezium").result("primary-keys").status()).isEqualTo(Status.PASS);

        Map<String, String> wrongColumn = Map.of(
                "table.include.list", "shop\\.orders,shop\\.audit_log", "message.key.columns", "shop.audit_log:id");
        CheckResult misnamed = run(wrongColumn, "debezium").result("primary-keys");
        assertThat(misnamed.status()).isEqualTo(Status.FAIL);
        assertThat(misnamed.finding()).contains("message.key.columns names [id]", "entry_id");
    }

    @Test
    void rootUserIsRefusedAndAnAdministratorIsWarnedAbout() throws Exception {
        CheckResult root = run(Map.of(), MariaDbServer.ADMIN_USER, MariaDbServer.ADMIN_PASSWORD)
                .result("user-not-root");
        assertThat(root.status()).isEqualTo(Status.FAIL);
        assertThat(root.fix()).contains("CREATE USER 'debezium'@'%'");

        assertThat(run(Map.of(), "admin").result("user-not-root").status()).isEqualTo(Status.WARN);
    }

    @Test
    void serverIdOfTheDatabaseItselfIsRefused() throws Exception {
        CheckResult serverId =
                run(Map.of("database.server.id", "1"), "debezium").result("server-id");

        assertThat(serverId.status()).isEqualTo(Status.FAIL);
        assertThat(serverId.finding()).contains("database.server.id=1 is the database server's own server_id");
    }

    @Test
    void includeListEntryThatMatchesNothingIsReported() throws Exception {
        CheckResult include = run(Map.of("table.include.list", "shop\\.orders,shop\\.order_line"), "debezium")
                .result("include-list");

        assertThat(include.status()).isEqualTo(Status.FAIL);
        assertThat(include.finding()).contains("table.include.list entry 'shop\\.order_line' matches no table");
    }

    @Test
    void shortBinlogRetentionFails() throws Exception {
        server.execute("SET GLOBAL binlog_expire_logs_seconds = 3600");
        try {
            CheckResult retention = run(Map.of(), "debezium").result("binlog-retention");
            assertThat(retention.status()).isEqualTo(Status.FAIL);
            assertThat(retention.fix()).isEqualTo("SET PERSIST binlog_expire_logs_seconds = 259200;");
        } finally {
            server.execute("SET GLOBAL binlog_expire_logs_seconds = 0");
        }
    }

    @Test
    void rdsRetentionIsReadFromMysqlRdsConfiguration() throws Exception {
        // The table RDS and Aurora keep their settings in, with the row they ship (NULL: purge at once).
        server.execute(
                "CREATE TABLE mysql.rds_configuration (name VARCHAR(100) PRIMARY KEY, value VARCHAR(100), "
                        + "description VARCHAR(300))",
                "INSERT INTO mysql.rds_configuration VALUES ('binlog retention hours', NULL, "
                        + "'binlog retention hours specifies the duration in hours before binary logs are automatically deleted.')");
        try {
            CheckResult unset = run(Map.of(), "debezium").result("binlog-retention");
            assertThat(unset.status()).isEqualTo(Status.FAIL);
            assertThat(unset.fix()).isEqualTo("CALL mysql.rds_set_configuration('binlog retention hours', 72);");

            server.execute("UPDATE mysql.rds_configuration SET value = '168' WHERE name = 'binlog retention hours'");
            CheckResult week = run(Map.of(), "debezium").result("binlog-retention");
            assertThat(week.status()).isEqualTo(Status.PASS);
            assertThat(week.finding()).contains("168 hours");
        } finally {
            server.execute("DROP TABLE mysql.rds_configuration");
        }
    }

    @Test
    void wrongPasswordFailsTheConnectionSkipsTheRestAndNeverShowsThePassword() throws Exception {
        String wrong = "Wrong-Pass-5531";
        PreflightReport report = run(Map.of(), "debezium", wrong);

        assertThat(report.result("connection").status()).isEqualTo(Status.FAIL);
        assertThat(report.result("connection").finding()).contains("Access denied");
        assertThat(report.results().subList(1, report.results().size()))
                .allMatch(result -> result.status() == Status.SKIP);
        assertThat(report.toText()).doesNotContain(wrong);
        assertThat(report.toJson()).doesNotContain(wrong);
    }

    @Test
    void commandLineReadsTheShippedConfigWithTheLocalOverlayAndExitsNonZeroOnFailure() throws Exception {
        Path config =
                RenderedConnectorConfig.write(workDir, RenderedConnectorConfig.variables(server.host(), server.port()));
        String[] args = {
            "--config",
            config.toString(),
            "--config",
            RenderedConnectorConfig.LOCAL_OVERLAY.toString(),
            "--user",
            "partial",
            "--password-env",
            "CDC_PASSWORD",
            "--json"
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = PreflightCommand.run(args, Map.of("CDC_PASSWORD", PASSWORD), print(out), print(err));

        String json = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(json + err).isEqualTo(PreflightCommand.FAILED);
        assertThat(json)
                .startsWith("{\"target\":\"partial@127.0.0.1:" + server.port() + "\",\"passed\":false,\"checks\":[")
                .contains("{\"id\":\"grants\",\"status\":\"FAIL\"")
                .contains("\"fix\":\"GRANT REPLICATION CLIENT ON *.* TO 'partial'@'%';\"")
                .doesNotContain(PASSWORD);

        args[5] = "debezium";
        out.reset();
        exit = PreflightCommand.run(args, Map.of("CDC_PASSWORD", PASSWORD), print(out), print(err));
        assertThat(exit).as(out.toString(StandardCharsets.UTF_8)).isEqualTo(PreflightCommand.PASSED);
    }

    @Test
    void snapshotLockingModeNoneWithoutReadCommittedFailsNamingTheStatement() throws Exception {
        PreflightReport report = run(Map.of("database.initial.statements", ""), "debezium");

        CheckResult isolation = report.result("snapshot-isolation");
        assertThat(isolation.status()).isEqualTo(Status.FAIL);
        assertThat(isolation.finding()).contains("snapshot.locking.mode=none", "lost");
        assertThat(isolation.fix())
                .contains("database.initial.statements=SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED");
        assertThat(report.passed()).isFalse();

        assertThat(run(
                                Map.of("database.initial.statements", "SET TRANSACTION ISOLATION LEVEL READ COMMITTED"),
                                "debezium")
                        .result("snapshot-isolation")
                        .status())
                .as("without SESSION the level covers only the next transaction")
                .isEqualTo(Status.FAIL);
        assertThat(run(
                                Map.of(
                                        "database.initial.statements",
                                        "SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED;"
                                                + "SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ"),
                                "debezium")
                        .result("snapshot-isolation")
                        .status())
                .as("a later statement sets REPEATABLE READ back")
                .isEqualTo(Status.FAIL);

        PreflightReport minimal =
                run(Map.of("database.initial.statements", "", "snapshot.locking.mode", "minimal"), "debezium");
        assertThat(minimal.result("snapshot-isolation").status()).isEqualTo(Status.PASS);
    }

    @Test
    void anRdsManagedMasterSecretIsAWarningThatNamesTheSecretButNoValue() throws Exception {
        String reference = "${secretsmanager:arn:aws:secretsmanager:eu-west-1:111122223333:secret:"
                + "rds!cluster-0a1b2c3d-4e5f-6789-abcd-ef0123456789-AbCdEf:password}";
        PreflightReport report = run(Map.of("database.password", reference), "debezium");

        CheckResult rotation = report.result("secret-rotation");
        assertThat(rotation.status()).isEqualTo(Status.WARN);
        assertThat(rotation.finding()).contains(reference, "every 7 days");
        assertThat(rotation.fix()).contains("alternating-users", "Secret rotation");
        assertThat(report.toText()).doesNotContain(PASSWORD);
        assertThat(report.passed()).as("a warning does not fail the preflight").isTrue();
        assertThat(run(Map.of(), "debezium").result("secret-rotation").status())
                .as("the reference configuration's own secret")
                .isEqualTo(Status.PASS);
    }

    @Test
    void secretsManagerReferenceWithoutUserOptionIsAUsageErrorNamingTheOption() throws Exception {
        Path config =
                RenderedConnectorConfig.write(workDir, RenderedConnectorConfig.variables(server.host(), server.port()));
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = PreflightCommand.run(
                new String[] {"--config", config.toString()}, Map.of(), print(new ByteArrayOutputStream()), print(err));

        assertThat(exit).isEqualTo(PreflightCommand.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("database.user is a config provider reference (${secretsmanager:local/cdc:username})")
                .contains("pass --user");
    }

    @Test
    void wrapperScriptRunsFromThePluginLayoutWithOnlyThePreflightAndDriverJars() throws Exception {
        Path plugin = PluginLayout.create(workDir.resolve("plugin"));
        Path config =
                RenderedConnectorConfig.write(workDir, RenderedConnectorConfig.variables(server.host(), server.port()));
        ProcessBuilder builder = new ProcessBuilder(
                        "bash",
                        plugin.resolve("bin/preflight").toString(),
                        "--config",
                        config.toString(),
                        "--config",
                        RenderedConnectorConfig.LOCAL_OVERLAY.toAbsolutePath().toString(),
                        "--user",
                        "debezium",
                        "--password-env",
                        "CDC_PASSWORD",
                        "--json")
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("CDC_PASSWORD", PASSWORD);
        Process process = builder.start();
        String json = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor()).as(json).isEqualTo(PreflightCommand.PASSED);
        assertThat(json).contains("\"passed\":true").doesNotContain(PASSWORD);
    }

    static PreflightReport runAgainst(Database db, Map<String, String> changes, String user, String password)
            throws Exception {
        Properties properties = PreflightCommand.load(List.of(
                RenderedConnectorConfig.write(
                        java.nio.file.Files.createTempDirectory("preflight-"),
                        RenderedConnectorConfig.variables(db.host(), db.port())),
                RenderedConnectorConfig.LOCAL_OVERLAY));
        changes.forEach(properties::setProperty);
        return Preflight.run(ConnectorSettings.from(properties, Optional.of(user), Optional.of(password)));
    }

    static List<String> failedChecks(PreflightReport report) {
        return report.results().stream()
                .filter(result -> result.status() == Status.FAIL)
                .map(CheckResult::id)
                .toList();
    }

    private static PreflightReport run(Map<String, String> changes, String user) throws Exception {
        return run(changes, user, PASSWORD);
    }

    private static PreflightReport run(Map<String, String> changes, String user, String password) throws Exception {
        return runAgainst(server, changes, user, password);
    }

    private static PrintStream print(ByteArrayOutputStream buffer) {
        return new PrintStream(buffer, true, StandardCharsets.UTF_8);
    }
}
