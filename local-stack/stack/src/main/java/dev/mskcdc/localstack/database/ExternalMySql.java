package dev.mskcdc.localstack.database;

/** A MySQL the user runs themselves; the stack creates its schema and user there but never stops it. */
public record ExternalMySql(String host, int port, String adminUser, String adminPassword) implements Database {

    @Override
    public String description() {
        return "external MySQL on " + host + ":" + port;
    }

    @Override
    public String toString() {
        return "ExternalMySql[" + host + ":" + port + ", user=" + adminUser + "]";
    }

    @Override
    public void close() {
        // Not ours to stop.
    }
}
