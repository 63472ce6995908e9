package dev.mskcdc.connector.preflight;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The privileges in the output of {@code SHOW GRANTS FOR CURRENT_USER()}, global, per database and per table.
 * Grant lines themselves are never shown: MariaDB prints the password hash in them.
 */
final class Grants {

    private static final Pattern GRANT = Pattern.compile("^GRANT (.+?) ON (\\S+) TO .*$", Pattern.CASE_INSENSITIVE);
    /** Names servers print for the same privilege (MariaDB 10.5+ renamed REPLICATION CLIENT). */
    private static final Map<String, String> ALIASES = Map.of(
            "BINLOG MONITOR", "REPLICATION CLIENT",
            "REPLICA", "REPLICATION SLAVE",
            "REPLICATION REPLICA", "REPLICATION SLAVE",
            "ALL", "ALL PRIVILEGES");

    private final Set<String> global = new HashSet<>();
    private final Map<String, Set<String>> perDatabase = new HashMap<>();
    private final Map<String, Set<String>> perTable = new HashMap<>();
    private boolean hasRoleGrants;

    static Grants parse(List<String> showGrantsLines) {
        Grants grants = new Grants();
        for (String line : showGrantsLines) {
            Matcher matcher = GRANT.matcher(line.strip());
            if (!matcher.matches()) {
                // "GRANT `role`@`%` TO `user`@`%`": privileges arrive through a role we do not expand.
                grants.hasRoleGrants |= line.toUpperCase(Locale.ROOT).startsWith("GRANT ");
                continue;
            }
            Set<String> privileges = privileges(matcher.group(1));
            String scope = matcher.group(2).replace("`", "");
            if (scope.equals("*.*")) {
                grants.global.addAll(privileges);
            } else if (scope.endsWith(".*")) {
                grants.perDatabase
                        .computeIfAbsent(
                                scope.substring(0, scope.length() - 2).toLowerCase(Locale.ROOT),
                                name -> new HashSet<>())
                        .addAll(privileges);
            } else {
                grants.perTable
                        .computeIfAbsent(scope.toLowerCase(Locale.ROOT), name -> new HashSet<>())
                        .addAll(privileges);
            }
        }
        return grants;
    }

    boolean hasGlobal(String privilege) {
        return global.contains(privilege) || global.contains("ALL PRIVILEGES");
    }

    /** Granted on *.* or on the database itself. */
    boolean hasOnDatabase(String privilege, String database) {
        Set<String> onDatabase = perDatabase.getOrDefault(database.toLowerCase(Locale.ROOT), Set.of());
        return hasGlobal(privilege) || onDatabase.contains(privilege) || onDatabase.contains("ALL PRIVILEGES");
    }

    /** Granted on *.*, on the database or on the table itself. */
    boolean hasOnTable(String privilege, String database, String table) {
        Set<String> onTable = perTable.getOrDefault((database + "." + table).toLowerCase(Locale.ROOT), Set.of());
        return hasOnDatabase(privilege, database) || onTable.contains(privilege) || onTable.contains("ALL PRIVILEGES");
    }

    boolean isGlobalAdmin() {
        return global.contains("ALL PRIVILEGES") || global.contains("SUPER");
    }

    boolean hasRoleGrants() {
        return hasRoleGrants;
    }

    private static Set<String> privileges(String list) {
        Set<String> privileges = new HashSet<>();
        for (String privilege : splitOutsideParentheses(list)) {
            // "SELECT (id, name)" is a column grant: it is SELECT on those columns only, not on tables.
            if (privilege.contains("(")) {
                continue;
            }
            String name = privilege.strip().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
            privileges.add(ALIASES.getOrDefault(name, name));
        }
        return privileges;
    }

    private static List<String> splitOutsideParentheses(String list) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        StringBuilder current = new StringBuilder();
        for (char c : list.toCharArray()) {
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (c == ',' && depth == 0) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts;
    }
}
