package dev.mskcdc.localstack.database;

import java.util.function.Supplier;

import dev.mskcdc.localstack.process.LocalStackException;

/** The database a stack captures from, as named on a command line or in a system property. */
public final class DatabaseChoice {

    /** What {@code --database} and {@code -Dmskcdc.database} default to. */
    public static final String DEFAULT = "mysql";

    private DatabaseChoice() {}

    /** Whether {@code choice} names a server the stack runs itself: {@code mysql} or {@code mariadb}. */
    public static boolean isLocal(String choice) {
        return choice.equals("mysql") || choice.equals("mariadb");
    }

    /**
     * A database the stack does not run itself: {@code testcontainers} (MySQL 8.4; needs Docker) or {@code external}
     * (the MySQL {@code external} describes, asked for only when the stack starts). {@code setting} names where the
     * choice was written, for the error about an unknown one, which lists every choice.
     */
    public static Supplier<Database> other(String setting, String choice, Supplier<ExternalMySql> external) {
        return switch (choice) {
            case "testcontainers" -> TestcontainersMySql::start;
            case "external" -> external::get;
            default -> throw unknown(setting, choice);
        };
    }

    /**
     * A builder for the server the stack runs itself: {@code mysql} (MySQL 8.0.15) or {@code mariadb} (MariaDB
     * 11.4.5), with that engine's defaults; a test may set options on it before giving it to the stack.
     */
    public static LocalServer.Builder<?, ?> localServer(String setting, String choice) {
        return switch (choice) {
            case "mysql" -> MySqlServer.builder();
            case "mariadb" -> MariaDbServer.builder();
            default ->
                throw new LocalStackException(setting + "=" + choice + ": this test needs a server the stack "
                        + "runs itself, to stop and start it: use mysql or mariadb.");
        };
    }

    private static LocalStackException unknown(String setting, String choice) {
        return new LocalStackException(setting + "=" + choice + " is not known: use mysql (the default), mariadb, "
                + "testcontainers or external.");
    }
}
