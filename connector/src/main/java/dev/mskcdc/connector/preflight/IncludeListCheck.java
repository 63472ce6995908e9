package dev.mskcdc.connector.preflight;

import java.util.List;

import dev.mskcdc.connector.preflight.CapturedTables.Table;

import static dev.mskcdc.connector.preflight.Outcome.fail;
import static dev.mskcdc.connector.preflight.Outcome.pass;

/** The include lists select tables the user can see, and no entry selects nothing (a typo or a missing grant). */
final class IncludeListCheck implements Check {

    private static final int NAMES_SHOWN = 10;

    @Override
    public Outcome run(ServerView server, ConnectorSettings settings) {
        List<Table> captured = server.captured();
        List<String> unmatched = settings.capture().unmatchedIncludes(server.tables());
        if (captured.isEmpty() || !unmatched.isEmpty()) {
            String finding = captured.isEmpty()
                    ? "the include lists select no table"
                    : String.join("; ", unmatched) + " matches no table";
            return fail(
                    finding + " that " + settings.user() + " can see",
                    "Check database.include.list and table.include.list (regular expressions matching the whole "
                            + "name, tables as <database>.<table>) and that the user has SELECT on those tables.");
        }
        return pass(captured.size() + " table(s) captured: " + names(captured));
    }

    private static String names(List<Table> tables) {
        List<String> names =
                tables.stream().map(Table::qualified).limit(NAMES_SHOWN).toList();
        return String.join(", ", names) + (tables.size() > names.size() ? ", ..." : "");
    }
}
