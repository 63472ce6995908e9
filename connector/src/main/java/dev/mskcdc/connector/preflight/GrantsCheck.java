package dev.mskcdc.connector.preflight;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static dev.mskcdc.connector.preflight.Outcome.fail;
import static dev.mskcdc.connector.preflight.Outcome.pass;
import static dev.mskcdc.connector.preflight.Outcome.warn;

/**
 * The privileges Debezium uses: RELOAD, SHOW DATABASES and the replication pair on *.*, SELECT on the captured
 * databases, and LOCK TABLES there when the snapshot takes table locks.
 */
final class GrantsCheck implements Check {

    private static final List<String> GLOBAL =
            List.of("RELOAD", "SHOW DATABASES", "REPLICATION SLAVE", "REPLICATION CLIENT");

    @Override
    public Outcome run(ServerView server, ConnectorSettings settings) {
        Grants grants = server.grants();
        List<String> missingGlobal = new ArrayList<>();
        for (String privilege : GLOBAL) {
            if (!grants.hasGlobal(privilege)) {
                missingGlobal.add(privilege);
            }
        }
        Set<String> databases = new TreeSet<>();
        server.captured().forEach(table -> databases.add(table.database()));
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
                            "all required privileges granted directly; role grants were not expanded",
                            "Nothing to do unless a privilege is only granted through a role: grant it to the user.")
                    : pass("SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT"
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
                "missing " + String.join(", ", missing) + why,
                "GRANT " + String.join(", ", missing) + " ON *.* TO " + quoted(server.account()) + ";");
    }

    /** "debezium@%" as 'debezium'@'%'. */
    private static String quoted(String account) {
        int at = account.lastIndexOf('@');
        return "'" + account.substring(0, at) + "'@'" + account.substring(at + 1) + "'";
    }
}
