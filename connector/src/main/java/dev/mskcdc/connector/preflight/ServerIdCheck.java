package dev.mskcdc.connector.preflight;

import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static dev.mskcdc.connector.preflight.Outcome.fail;
import static dev.mskcdc.connector.preflight.Outcome.pass;

/** The connector joins the replication topology as database.server.id: it must differ from every server's. */
final class ServerIdCheck implements Check {

    @Override
    public Outcome run(ServerView server, ConnectorSettings settings) {
        long configured = settings.serverId();
        String own = server.variable("server_id").orElse("0");
        if (Long.parseLong(own) == configured) {
            return fail(
                    "database.server.id=" + configured + " is the database server's own server_id",
                    "Choose another database.server.id, unique among all servers and binlog clients of this cluster.");
        }
        Optional<Set<Long>> replicas = replicaServerIds(server);
        if (replicas.isPresent() && replicas.get().contains(configured)) {
            return fail(
                    "database.server.id=" + configured + " is used by a replica of this server",
                    "Choose another database.server.id; the replicas use " + replicas.get() + ".");
        }
        String scope = replicas.map(ids -> ids.isEmpty() ? " and no replica is registered" : " and the replicas " + ids)
                .orElse(" (registered replicas not visible to this user)");
        return pass("database.server.id=" + configured + " differs from the server's " + own + scope);
    }

    /** Server_id is the first column of both statements, on MySQL and MariaDB. */
    private static Optional<Set<Long>> replicaServerIds(ServerView server) {
        for (String sql : List.of("SHOW REPLICAS", "SHOW SLAVE HOSTS")) {
            try {
                Set<Long> ids = new HashSet<>();
                server.rows(sql, 1).forEach(row -> ids.add(Long.parseLong(row.get(0))));
                return Optional.of(ids);
            } catch (SQLException notSupportedOrNotAllowed) {
                // Older servers know only SHOW SLAVE HOSTS; MariaDB wants REPLICATION MASTER ADMIN for either.
            }
        }
        return Optional.empty();
    }
}
