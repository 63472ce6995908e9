package dev.mskcdc.localstack.database;

import java.util.function.Supplier;

import dev.mskcdc.localstack.process.LocalStackException;

/** The database a stack captures from, as named on a command line or in a system property. */
public final class DatabaseChoice {

    private DatabaseChoice() {
    }

    /**
     * {@code mariadb} (the stack's default, given as null), {@code testcontainers} (MySQL 8.4; needs Docker)
     * or {@code external} (the MySQL {@code external} describes, asked for only when the stack starts).
     * {@code setting} names where the choice was written, for the error about an unknown one.
     */
    public static Supplier<Database> of(String setting, String choice, Supplier<ExternalMySql> external) {
        return switch (choice) {
            case "mariadb" -> null;
            case "testcontainers" -> TestcontainersMySql::start;
            case "external" -> external::get;
            default -> throw new LocalStackException(setting + "=" + choice
                    + " is not known: use mariadb, testcontainers or external.");
        };
    }
}
