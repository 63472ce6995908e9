package dev.mskcdc.localstack.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

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

    @Override
    void close();
}
