package dev.mskcdc.connector.preflight;

import java.sql.SQLException;

import static dev.mskcdc.connector.preflight.Outcome.fail;
import static dev.mskcdc.connector.preflight.Outcome.pass;

/** The connector's host, port and credentials reach the server; when they do not, every other check is skipped. */
final class ConnectionCheck implements Check {

    @Override
    public Outcome run(ServerView server, ConnectorSettings settings) {
        return pass("connected as " + settings.user() + " to " + server.version());
    }

    static Outcome failed(ConnectorSettings settings, SQLException error) {
        return fail(
                "cannot connect to " + settings.host() + ":" + settings.port() + ": " + ServerView.firstLine(error),
                "Check database.hostname/port, that this machine (and the MSK Connect "
                        + "workers' security group) may reach the database's security group on that port, and the "
                        + "user and password in the secret.");
    }
}
