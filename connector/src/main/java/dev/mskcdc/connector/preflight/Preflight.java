package dev.mskcdc.connector.preflight;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import dev.mskcdc.connector.preflight.CapturedTables.Table;

import static dev.mskcdc.connector.preflight.CheckResult.fail;
import static dev.mskcdc.connector.preflight.CheckResult.pass;
import static dev.mskcdc.connector.preflight.CheckResult.skip;
import static dev.mskcdc.connector.preflight.CheckResult.warn;
import static dev.mskcdc.connector.preflight.ServerQueries.rows;
import static dev.mskcdc.connector.preflight.ServerQueries.strings;
import static dev.mskcdc.connector.preflight.ServerQueries.variable;

/**
 * Checks a MySQL / Aurora MySQL server the way the Debezium connector will use it, connected with the
 * connector's own credentials, and says for each problem what to change. Nothing is modified.
 */
public final class Preflight {

    /** Below this the connector cannot survive a weekend outage without a new snapshot. */
    static final long MINIMUM_RETENTION_HOURS = 24;

    static final long RECOMMENDED_RETENTION_HOURS = 72;
    private static final int CONNECT_TIMEOUT_MS = 10_000;
    private static final List<String> CHECKS = List.of(
            "connection",
            "writer-endpoint",
            "user-not-root",
            "binlog-enabled",
            "binlog-format",
            "binlog-row-image",
            "binlog-retention",
            "grants",
            "gtid-mode",
            "server-id",
            "include-list",
            "primary-keys",
            "signal-table",
            RowValueOptionsCheck.ID,
            ZeroDatesCheck.ID,
            SnapshotIsolationCheck.ID,
            SecretRotationCheck.ID);

    private final ConnectorSettings settings;
    private final CapturedTables capture;

    private Preflight(ConnectorSettings settings) {
        this.settings = settings;
        this.capture = new CapturedTables(settings);
    }

    public static PreflightReport run(ConnectorSettings settings) {
        return new Preflight(settings).run();
    }

    private PreflightReport run() {
        List<CheckResult> results = new ArrayList<>();
        try (Connection connection = connect()) {
            results.add(pass("connection", "connected as " + settings.user() + " to " + serverVersion(connection)));
            results.addAll(checks(connection));
        } catch (SQLException e) {
            results.add(fail(
                    "connection",
                    "cannot connect to " + settings.host() + ":" + settings.port() + ": " + firstLine(e.getMessage()),
                    "Check database.hostname/port, that this machine (and the MSK Connect "
                            + "workers' security group) may reach the database's security group on that port, and the "
                            + "user and password in the secret."));
            CHECKS.stream().skip(1).forEach(id -> results.add(skip(id, "not checked: no connection")));
        }
        return new PreflightReport(settings.target(), results);
    }

    private List<CheckResult> checks(Connection connection) throws SQLException {
        String account = strings(connection, "SELECT CURRENT_USER()", 1).get(0);
        Grants grants = Grants.parse(strings(connection, "SHOW GRANTS FOR CURRENT_USER()", 1));
        List<Table> allTables = visibleTables(connection);
        List<Table> captured = capture.captured(allTables);
        return List.of(
                writerEndpoint(connection),
                userNotRoot(account, grants),
                binlogEnabled(connection),
                variableIs(connection, "binlog-format", "binlog_format", "ROW"),
                variableIs(connection, "binlog-row-image", "binlog_row_image", "FULL"),
                binlogRetention(connection),
                grants(account, grants, captured),
                gtidMode(connection),
                serverId(connection),
                includeList(allTables, captured),
                primaryKeys(connection, captured),
                SignalTableCheck.check(connection, settings, capture, grants),
                RowValueOptionsCheck.check(connection),
                ZeroDatesCheck.check(connection, captured),
                SnapshotIsolationCheck.check(settings),
                SecretRotationCheck.check(settings));
    }

    private Connection connect() throws SQLException {
        Properties jdbc = new Properties();
        jdbc.setProperty("user", settings.user());
        jdbc.setProperty("password", settings.password());
        jdbc.setProperty("sslMode", settings.jdbcSslMode());
        jdbc.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_MS));
        // Without TLS, caching_sha2_password needs the server's RSA key; with TLS it is not used.
        jdbc.setProperty(
                "allowPublicKeyRetrieval", String.valueOf(settings.jdbcSslMode().equals("DISABLED")));
        return DriverManager.getConnection("jdbc:mysql://" + settings.host() + ":" + settings.port() + "/", jdbc);
    }

    private CheckResult writerEndpoint(Connection connection) throws SQLException {
        if (settings.host().toLowerCase(Locale.ROOT).contains(".cluster-ro-")) {
            return fail(
                    "writer-endpoint",
                    settings.host() + " is an Aurora reader endpoint; Aurora replicas have no binlog",
                    "Set database.hostname to the cluster (writer) endpoint: the same name without '-ro'.");
        }
        if (isOn(variable(connection, "innodb_read_only").orElse("OFF"))) {
            return fail(
                    "writer-endpoint",
                    "the server is read-only (innodb_read_only=1): an Aurora replica",
                    "Set database.hostname to the Aurora cluster (writer) endpoint.");
        }
        return pass("writer-endpoint", "the server accepts writes (not an Aurora replica)");
    }

    private static CheckResult userNotRoot(String account, Grants grants) {
        String user = account.substring(0, account.lastIndexOf('@'));
        if (user.equals("root") || user.equals("rdsadmin")) {
            return fail("user-not-root", "the connector connects as " + account, createUserFix());
        }
        if (grants.isGlobalAdmin()) {
            return warn(
                    "user-not-root",
                    account + " has ALL PRIVILEGES or SUPER on *.* (an administrator)",
                    "Give the connector a user of its own with only the privileges in the 'grants' check:\n"
                            + createUserFix());
        }
        return pass("user-not-root", "connects as " + account + ", not an administrator");
    }

    private static String createUserFix() {
        return "CREATE USER 'debezium'@'%' IDENTIFIED BY '<new password>';\n"
                + "GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO 'debezium'@'%';\n"
                + "then store the user and password in the connector's Secrets Manager secret.";
    }

    private CheckResult binlogEnabled(Connection connection) throws SQLException {
        String logBin = variable(connection, "log_bin").orElse("OFF");
        if (isOn(logBin)) {
            return pass("binlog-enabled", "log_bin=ON");
        }
        return fail(
                "binlog-enabled",
                "the binary log is off (log_bin=" + logBin + "): there is nothing to stream",
                "RDS MySQL: enable automated backups (backup retention period > 0), which turns the binlog on.\n"
                        + "Aurora MySQL: set binlog_format=ROW in the DB CLUSTER parameter group and reboot the writer.\n"
                        + "Self-managed: add log-bin=mysql-bin to [mysqld] in my.cnf and restart.");
    }

    private CheckResult variableIs(Connection connection, String id, String name, String wanted) throws SQLException {
        Optional<String> value = variable(connection, name);
        if (value.isPresent() && value.get().equalsIgnoreCase(wanted)) {
            return pass(id, name + "=" + wanted);
        }
        String found = value.orElse("(not set)");
        return fail(
                id,
                name + "=" + found + "; Debezium needs " + wanted,
                "RDS/Aurora: set " + name + "=" + wanted + " in the (cluster) parameter group and reboot the writer.\n"
                        + "Self-managed: SET PERSIST " + name + "='" + wanted + "'; (or " + name + "=" + wanted
                        + " under [mysqld] in my.cnf), then restart the connector.");
    }

    private CheckResult binlogRetention(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT value FROM mysql.rds_configuration WHERE name = 'binlog retention hours'")) {
            return rdsRetention(rows.next() ? rows.getString(1) : null);
        } catch (SQLException e) {
            if (e.getErrorCode() == 1146) {
                return expireLogsRetention(connection);
            }
            return warn(
                    "binlog-retention",
                    "cannot read mysql.rds_configuration as " + settings.user() + ": " + firstLine(e.getMessage()),
                    "As the master user, run CALL mysql.rds_show_configuration; and make "
                            + "'binlog retention hours' at least " + RECOMMENDED_RETENTION_HOURS + ".");
        }
    }

    private static CheckResult rdsRetention(String hours) {
        String fix = "CALL mysql.rds_set_configuration('binlog retention hours', " + RECOMMENDED_RETENTION_HOURS + ");";
        if (hours == null || hours.isBlank() || hours.equalsIgnoreCase("NULL")) {
            return fail(
                    "binlog-retention",
                    "RDS/Aurora 'binlog retention hours' is NULL: binlogs are purged as soon as "
                            + "possible, so a connector that stops for a few minutes may have to snapshot again",
                    fix);
        }
        long value = Long.parseLong(hours.strip());
        if (value < MINIMUM_RETENTION_HOURS) {
            return fail(
                    "binlog-retention",
                    "RDS/Aurora 'binlog retention hours' is " + value + " (less than " + MINIMUM_RETENTION_HOURS + ")",
                    fix);
        }
        return pass("binlog-retention", "RDS/Aurora keeps binlogs for " + value + " hours");
    }

    private CheckResult expireLogsRetention(Connection connection) throws SQLException {
        long seconds = Long.parseLong(
                variable(connection, "binlog_expire_logs_seconds").orElse("0"));
        long days = Long.parseLong(
                variable(connection, "expire_logs_days").orElse("0").replaceAll("\\..*", ""));
        long effective = seconds > 0 ? seconds : days * 86_400;
        if (effective == 0) {
            return pass("binlog-retention", "binlogs never expire (binlog_expire_logs_seconds=0): watch the disk");
        }
        if (effective < MINIMUM_RETENTION_HOURS * 3600) {
            return fail(
                    "binlog-retention",
                    "binlogs expire after " + effective + " s (less than " + MINIMUM_RETENTION_HOURS + " h)",
                    "SET PERSIST binlog_expire_logs_seconds = " + RECOMMENDED_RETENTION_HOURS * 3600 + ";");
        }
        return pass("binlog-retention", "binlogs kept for " + effective / 3600 + " hours");
    }

    private CheckResult grants(String account, Grants grants, List<Table> captured) {
        List<String> missingGlobal = new ArrayList<>();
        for (String privilege : List.of("RELOAD", "SHOW DATABASES", "REPLICATION SLAVE", "REPLICATION CLIENT")) {
            if (!grants.hasGlobal(privilege)) {
                missingGlobal.add(privilege);
            }
        }
        Set<String> databases = new TreeSet<>();
        captured.forEach(table -> databases.add(table.database()));
        List<String> perDatabase = new ArrayList<>(List.of("SELECT"));
        if (!settings.snapshotLockingMode().equalsIgnoreCase("none")) {
            perDatabase.add("LOCK TABLES");
        }
        Set<String> missingOnDatabases = new TreeSet<>();
        for (String privilege : perDatabase) {
            if (databases.isEmpty()
                    ? !grants.hasGlobal(privilege)
                    : databases.stream().anyMatch(database -> !grants.hasOnDatabase(privilege, database))) {
                missingOnDatabases.add(privilege);
            }
        }
        if (missingGlobal.isEmpty() && missingOnDatabases.isEmpty()) {
            return grants.hasRoleGrants()
                    ? warn(
                            "grants",
                            "all required privileges granted directly; role grants were not expanded",
                            "Nothing to do unless a privilege is only granted through a role: grant it to the user.")
                    : pass(
                            "grants",
                            "SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT"
                                    + (perDatabase.contains("LOCK TABLES") ? ", LOCK TABLES" : "") + " granted");
        }
        List<String> missing = new ArrayList<>(missingGlobal);
        missing.addAll(missingOnDatabases);
        String why = missingOnDatabases.contains("LOCK TABLES")
                ? " (LOCK TABLES because snapshot.locking.mode=" + settings.snapshotLockingMode()
                        + " takes table read locks where the global read lock is refused, as on RDS/Aurora: with minimal"
                        + " or extended it holds them until every row is read, and writes to the captured tables wait;"
                        + " snapshot.locking.mode=none, as in the reference config, takes no locks)"
                : "";
        return fail(
                "grants",
                "missing " + String.join(", ", missing) + why,
                "GRANT " + String.join(", ", missing) + " ON *.* TO " + quotedAccount(account) + ";");
    }

    /** "debezium@%" as 'debezium'@'%'. */
    private static String quotedAccount(String account) {
        int at = account.lastIndexOf('@');
        return "'" + account.substring(0, at) + "'@'" + account.substring(at + 1) + "'";
    }

    private CheckResult gtidMode(Connection connection) throws SQLException {
        Optional<String> gtidMode = variable(connection, "gtid_mode");
        if (gtidMode.isEmpty()) {
            return pass("gtid-mode", "the server has no gtid_mode (MariaDB keeps GTIDs in every binlog)");
        }
        if (gtidMode.get().equalsIgnoreCase("ON")) {
            return pass("gtid-mode", "gtid_mode=ON");
        }
        return warn(
                "gtid-mode",
                "gtid_mode=" + gtidMode.get() + ": the connector works, but after a failover to "
                        + "another server it cannot find its position",
                "Set gtid-mode=ON and enforce_gtid_consistency=ON in the (cluster) parameter group and reboot "
                        + "(MySQL moves through OFF_PERMISSIVE and ON_PERMISSIVE; Aurora MySQL 3 accepts ON directly).");
    }

    private CheckResult serverId(Connection connection) throws SQLException {
        long configured = settings.serverId();
        String own = variable(connection, "server_id").orElse("0");
        if (Long.parseLong(own) == configured) {
            return fail(
                    "server-id",
                    "database.server.id=" + configured + " is the database server's own server_id",
                    "Choose another database.server.id, unique among all servers and binlog clients of this cluster.");
        }
        Optional<Set<Long>> replicas = replicaServerIds(connection);
        if (replicas.isPresent() && replicas.get().contains(configured)) {
            return fail(
                    "server-id",
                    "database.server.id=" + configured + " is used by a replica of this server",
                    "Choose another database.server.id; the replicas use " + replicas.get() + ".");
        }
        String scope = replicas.map(ids -> ids.isEmpty() ? " and no replica is registered" : " and the replicas " + ids)
                .orElse(" (registered replicas not visible to this user)");
        return pass("server-id", "database.server.id=" + configured + " differs from the server's " + own + scope);
    }

    private static Optional<Set<Long>> replicaServerIds(Connection connection) {
        for (String sql : List.of("SHOW REPLICAS", "SHOW SLAVE HOSTS")) {
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery(sql)) {
                Set<Long> ids = new HashSet<>();
                while (rows.next()) {
                    ids.add(rows.getLong("Server_id"));
                }
                return Optional.of(ids);
            } catch (SQLException notSupportedOrNotAllowed) {
                // Older servers know only SHOW SLAVE HOSTS; MariaDB wants REPLICATION MASTER ADMIN for either.
            }
        }
        return Optional.empty();
    }

    private CheckResult includeList(List<Table> allTables, List<Table> captured) {
        List<String> unmatched = capture.unmatchedIncludes(allTables);
        if (captured.isEmpty() || !unmatched.isEmpty()) {
            String finding = captured.isEmpty()
                    ? "the include lists select no table"
                    : String.join("; ", unmatched) + " matches no table";
            return fail(
                    "include-list",
                    finding + " that " + settings.user() + " can see",
                    "Check database.include.list and table.include.list (regular expressions matching the whole "
                            + "name, tables as <database>.<table>) and that the user has SELECT on those tables.");
        }
        return pass("include-list", captured.size() + " table(s) captured: " + names(captured));
    }

    private CheckResult primaryKeys(Connection connection, List<Table> captured) throws SQLException {
        Set<String> withPrimaryKey = new HashSet<>();
        // STATISTICS, not TABLE_CONSTRAINTS: MariaDB shows constraints only to users with more than SELECT.
        for (List<String> row : rows(
                connection,
                "SELECT DISTINCT TABLE_SCHEMA, TABLE_NAME FROM information_schema.STATISTICS "
                        + "WHERE INDEX_NAME = 'PRIMARY'",
                2)) {
            withPrimaryKey.add((row.get(0) + "." + row.get(1)).toLowerCase(Locale.ROOT));
        }
        Map<String, Set<String>> columns = columnsByTable(connection);
        List<String> problems = new ArrayList<>();
        for (Table table : captured) {
            String qualified = table.qualified().toLowerCase(Locale.ROOT);
            if (withPrimaryKey.contains(qualified)) {
                continue;
            }
            Optional<List<String>> key = capture.configuredKey(table);
            if (key.isEmpty()) {
                problems.add(table.qualified() + " has no primary key");
            } else if (!columns.getOrDefault(qualified, Set.of()).containsAll(key.get())) {
                problems.add(table.qualified() + ": message.key.columns names " + key.get() + " but the table has "
                        + new TreeSet<>(columns.getOrDefault(qualified, Set.of())));
            }
        }
        if (problems.isEmpty()) {
            return pass("primary-keys", "every captured table has a primary key or a configured key");
        }
        return fail(
                "primary-keys",
                String.join("; ", problems) + ": its change events would have no key, so "
                        + "consumers lose per-row ordering and compaction",
                "Add a primary key (ALTER TABLE <table> ADD PRIMARY KEY (<columns>);) or name the key columns in "
                        + "the connector configuration: message.key.columns=<database>.<table>:<column>[,<column>...]");
    }

    private static List<Table> visibleTables(Connection connection) throws SQLException {
        List<Table> tables = new ArrayList<>();
        for (List<String> row : rows(
                connection,
                "SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.TABLES "
                        + "WHERE TABLE_TYPE = 'BASE TABLE' AND TABLE_SCHEMA NOT IN "
                        + "('mysql', 'information_schema', 'performance_schema', 'sys') ORDER BY 1, 2",
                2)) {
            tables.add(new Table(row.get(0), row.get(1)));
        }
        return tables;
    }

    private static Map<String, Set<String>> columnsByTable(Connection connection) throws SQLException {
        Map<String, Set<String>> columns = new HashMap<>();
        for (List<String> row : rows(
                connection,
                "SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME FROM information_schema.COLUMNS "
                        + "WHERE TABLE_SCHEMA NOT IN ('mysql', 'information_schema', 'performance_schema', 'sys')",
                3)) {
            columns.computeIfAbsent((row.get(0) + "." + row.get(1)).toLowerCase(Locale.ROOT), table -> new HashSet<>())
                    .add(row.get(2).toLowerCase(Locale.ROOT));
        }
        return columns;
    }

    private static String names(List<Table> tables) {
        List<String> names = tables.stream().map(Table::qualified).limit(10).toList();
        return String.join(", ", names) + (tables.size() > names.size() ? ", ..." : "");
    }

    private static String serverVersion(Connection connection) throws SQLException {
        return strings(connection, "SELECT VERSION()", 1).get(0);
    }

    private static boolean isOn(String value) {
        return value.equals("1") || value.equalsIgnoreCase("ON");
    }

    private static String firstLine(String message) {
        return message == null ? "(no message)" : message.lines().findFirst().orElse(message);
    }
}
