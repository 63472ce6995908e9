package dev.mskcdc.connector.preflight;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import dev.mskcdc.connector.preflight.CapturedTables.Table;

import static dev.mskcdc.connector.preflight.Outcome.fail;
import static dev.mskcdc.connector.preflight.Outcome.pass;

/** Every captured table's change events have a key: its primary key or the columns message.key.columns names. */
final class PrimaryKeysCheck implements Check {

    @Override
    public Outcome run(ServerView server, ConnectorSettings settings) {
        List<String> problems = new ArrayList<>();
        for (Table table : server.captured()) {
            if (server.hasPrimaryKey(table)) {
                continue;
            }
            Optional<List<String>> key = settings.capture().configuredKey(table);
            Set<String> columns = new TreeSet<>();
            server.columns(table).forEach(column -> columns.add(column.name().toLowerCase(Locale.ROOT)));
            if (key.isEmpty()) {
                problems.add(table.qualified() + " has no primary key");
            } else if (!columns.containsAll(key.get())) {
                problems.add(table.qualified() + ": message.key.columns names " + key.get() + " but the table has "
                        + columns);
            }
        }
        if (problems.isEmpty()) {
            return pass("every captured table has a primary key or a configured key");
        }
        return fail(
                String.join("; ", problems) + ": its change events would have no key, so "
                        + "consumers lose per-row ordering and compaction",
                "Add a primary key (ALTER TABLE <table> ADD PRIMARY KEY (<columns>);) or name the key columns in "
                        + "the connector configuration: message.key.columns=<database>.<table>:<column>[,<column>...]");
    }
}
