package dev.mskcdc.localstack.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import dev.mskcdc.localstack.process.LocalStackException;

/** A MySQL-compatible database the connector reads from, reached over TCP on {@link #host()}:{@link #port()}. */
public interface Database extends AutoCloseable {

    String host();

    int port();

    /** A user with every privilege, for setting up schemas and users. */
    String adminUser();

    String adminPassword();

    /** What this database is, for progress lines and reports. */
    String description();

    default String jdbcUrl() {
        return "jdbc:mysql://" + host() + ":" + port() + "/?allowPublicKeyRetrieval=true&useSSL=false";
    }

    default Connection adminConnection() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), adminUser(), adminPassword());
    }

    /** Runs each statement as the admin user, in order. */
    default void execute(String... statements) {
        try (Connection connection = adminConnection();
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new LocalStackException("SQL failed on " + description() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The ids of the server threads serving a binlog reader ({@code Binlog Dump GTID} on MySQL, {@code Binlog Dump}
     * on MariaDB), in id order: one per connected connector task.
     */
    default List<Long> binlogDumpThreads() {
        return binlogDumpThreads(null);
    }

    /** {@link #binlogDumpThreads()} of the readers logged in as {@code user}; every user's for null. */
    default List<Long> binlogDumpThreads(String user) {
        String sql = "SELECT ID FROM information_schema.PROCESSLIST WHERE COMMAND LIKE 'Binlog Dump%'"
                + (user == null ? "" : " AND USER = ?") + " ORDER BY ID";
        try (Connection connection = adminConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            if (user != null) {
                statement.setString(1, user);
            }
            List<Long> ids = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new LocalStackException(
                    "Cannot list the binlog readers of " + description() + ": " + e.getMessage(), e);
        }
    }

    /**
     * A test's own database, as Debezium's {@code UniqueDatabase} gives each test one: {@code name} dropped if an
     * earlier test or run left it, created empty, then {@code statements} run in order (tables, rows). The name is
     * kept as given, so topic names in assertions stay readable; each test class picks its own.
     */
    default void recreateDatabase(String name, String... statements) {
        String[] all = new String[statements.length + 2];
        all[0] = "DROP DATABASE IF EXISTS " + name;
        all[1] = "CREATE DATABASE " + name;
        System.arraycopy(statements, 0, all, 2, statements.length);
        execute(all);
    }

    @Override
    void close();
}
