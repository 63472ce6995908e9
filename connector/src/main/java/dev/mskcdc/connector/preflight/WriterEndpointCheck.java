package dev.mskcdc.connector.preflight;

import java.util.Locale;

import static dev.mskcdc.connector.preflight.Outcome.fail;
import static dev.mskcdc.connector.preflight.Outcome.pass;

/** Aurora replicas have no binlog: the connector must reach the writer, through the cluster endpoint. */
final class WriterEndpointCheck implements Check {

    @Override
    public Outcome run(ServerView server, ConnectorSettings settings) {
        if (settings.host().toLowerCase(Locale.ROOT).contains(".cluster-ro-")) {
            return fail(
                    settings.host() + " is an Aurora reader endpoint; Aurora replicas have no binlog",
                    "Set database.hostname to the cluster (writer) endpoint: the same name without '-ro'.");
        }
        if (server.isOn("innodb_read_only")) {
            return fail(
                    "the server is read-only (innodb_read_only=1): an Aurora replica",
                    "Set database.hostname to the Aurora cluster (writer) endpoint.");
        }
        return pass("the server accepts writes (not an Aurora replica)");
    }
}
