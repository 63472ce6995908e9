package dev.mskcdc.transforms.filter;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.transforms.Transformation;

import dev.mskcdc.transforms.ConfigValidators;
import dev.mskcdc.transforms.TransformsVersion;
import dev.mskcdc.transforms.records.FieldPath;
import dev.mskcdc.transforms.records.RecordKind;
import dev.mskcdc.transforms.records.RecordKinds;
import dev.mskcdc.transforms.records.TombstoneFollower;

/** Keeps or drops Debezium change events by operation, database, table, condition and record kind. */
public class ChangeFilter<R extends ConnectRecord<R>> implements Transformation<R>, Versioned {

    public static final String OVERVIEW_DOC =
            "Keeps or drops Debezium change events without scripting. A data change is "
                    + "kept when its operation, database and table pass the include/exclude lists and the condition is true; "
                    + "the tombstone after a delete follows the delete's fate; heartbeats, schema changes and transaction "
                    + "records are kept or dropped by their own settings. Records that are not Debezium events pass untouched.";

    public static final String CONDITION = "condition";
    public static final String MISSING_FIELDS = "missing.fields";
    public static final String OPS_INCLUDE = "ops.include";
    public static final String OPS_EXCLUDE = "ops.exclude";
    public static final String DATABASES_INCLUDE = "databases.include";
    public static final String DATABASES_EXCLUDE = "databases.exclude";
    public static final String TABLES_INCLUDE = "tables.include";
    public static final String TABLES_EXCLUDE = "tables.exclude";
    public static final String TOMBSTONES = "tombstones";
    public static final String HEARTBEATS = "heartbeats";
    public static final String SCHEMA_CHANGES = "schema.changes";
    public static final String TRANSACTIONS = "transactions";

    private static final String[] OPS = {"c", "u", "d", "r", "t"};
    private static final String GROUP = "Filter";

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(
                    CONDITION,
                    ConfigDef.Type.STRING,
                    "",
                    conditionValidator(),
                    ConfigDef.Importance.HIGH,
                    "Keep only data changes for which this condition is true (empty: all). "
                            + ConditionParser.GRAMMAR_DOC,
                    GROUP,
                    1,
                    ConfigDef.Width.LONG,
                    "Condition")
            .define(
                    MISSING_FIELDS,
                    ConfigDef.Type.STRING,
                    "null",
                    ConfigDef.ValidString.in("null", "fail"),
                    ConfigDef.Importance.MEDIUM,
                    "What the condition does with a field the event does not have: 'null' reads it "
                            + "as null, 'fail' fails the record with an error naming the topic and field.",
                    GROUP,
                    2,
                    ConfigDef.Width.SHORT,
                    "Missing fields")
            .define(
                    OPS_INCLUDE,
                    ConfigDef.Type.LIST,
                    "",
                    ConfigDef.ValidList.in(OPS),
                    ConfigDef.Importance.HIGH,
                    "Operations to keep (c=create, u=update, d=delete, r=snapshot read, t=truncate); empty keeps all.",
                    GROUP,
                    3,
                    ConfigDef.Width.SHORT,
                    "Operations to include")
            .define(
                    OPS_EXCLUDE,
                    ConfigDef.Type.LIST,
                    "",
                    ConfigDef.ValidList.in(OPS),
                    ConfigDef.Importance.HIGH,
                    "Operations to drop, e.g. 'r' to skip snapshot rows; wins over " + OPS_INCLUDE + ".",
                    GROUP,
                    4,
                    ConfigDef.Width.SHORT,
                    "Operations to exclude")
            .define(
                    DATABASES_INCLUDE,
                    ConfigDef.Type.LIST,
                    "",
                    ConfigValidators.nonEmptyEntries(),
                    ConfigDef.Importance.MEDIUM,
                    "Globs (* and ?, case-insensitive) over source.db to keep; empty keeps all.",
                    GROUP,
                    5,
                    ConfigDef.Width.LONG,
                    "Databases to include")
            .define(
                    DATABASES_EXCLUDE,
                    ConfigDef.Type.LIST,
                    "",
                    ConfigValidators.nonEmptyEntries(),
                    ConfigDef.Importance.MEDIUM,
                    "Globs over source.db to drop; wins over " + DATABASES_INCLUDE + ".",
                    GROUP,
                    6,
                    ConfigDef.Width.LONG,
                    "Databases to exclude")
            .define(
                    TABLES_INCLUDE,
                    ConfigDef.Type.LIST,
                    "",
                    ConfigValidators.nonEmptyEntries(),
                    ConfigDef.Importance.MEDIUM,
                    "Globs over '<source.db>.<source.table>' to keep, e.g. 'inventory.orders_*'; empty keeps all.",
                    GROUP,
                    7,
                    ConfigDef.Width.LONG,
                    "Tables to include")
            .define(
                    TABLES_EXCLUDE,
                    ConfigDef.Type.LIST,
                    "",
                    ConfigValidators.nonEmptyEntries(),
                    ConfigDef.Importance.MEDIUM,
                    "Globs over '<source.db>.<source.table>' to drop; wins over " + TABLES_INCLUDE + ".",
                    GROUP,
                    8,
                    ConfigDef.Width.LONG,
                    "Tables to exclude")
            .define(
                    TOMBSTONES,
                    ConfigDef.Type.STRING,
                    "follow",
                    ConfigDef.ValidString.in("follow", "keep", "drop"),
                    ConfigDef.Importance.MEDIUM,
                    "Tombstones (null values): 'follow' keeps or drops each one with the delete "
                            + "just before it (same topic and key) and keeps any other; 'keep'; 'drop' (log compaction "
                            + "then never removes deleted keys).",
                    GROUP,
                    9,
                    ConfigDef.Width.SHORT,
                    "Tombstones")
            .define(
                    HEARTBEATS,
                    ConfigDef.Type.STRING,
                    "keep",
                    ConfigDef.ValidString.in("keep", "drop"),
                    ConfigDef.Importance.LOW,
                    "Debezium heartbeat records: keep or drop.",
                    GROUP,
                    10,
                    ConfigDef.Width.SHORT,
                    "Heartbeats")
            .define(
                    SCHEMA_CHANGES,
                    ConfigDef.Type.STRING,
                    "keep",
                    ConfigDef.ValidString.in("keep", "drop"),
                    ConfigDef.Importance.LOW,
                    "Debezium schema change records (DDL): keep or drop.",
                    GROUP,
                    11,
                    ConfigDef.Width.SHORT,
                    "Schema changes")
            .define(
                    TRANSACTIONS,
                    ConfigDef.Type.STRING,
                    "keep",
                    ConfigDef.ValidString.in("keep", "drop"),
                    ConfigDef.Importance.LOW,
                    "Debezium transaction metadata records (BEGIN/END): keep or drop.",
                    GROUP,
                    12,
                    ConfigDef.Width.SHORT,
                    "Transactions");

    private static final int MAX_CACHED_TABLES = 10_000;

    private Condition condition;
    private Set<String> opsInclude;
    private Set<String> opsExclude;
    private List<Pattern> databasesInclude;
    private List<Pattern> databasesExclude;
    private List<Pattern> tablesInclude;
    private List<Pattern> tablesExclude;
    private boolean filtersTables;
    private String tombstones;
    private boolean keepHeartbeats;
    private boolean keepSchemaChanges;
    private boolean keepTransactions;
    private final TombstoneFollower follower = new TombstoneFollower();
    private final FieldPath opPath = new FieldPath("op");
    private final FieldPath dbPath = new FieldPath("source", "db");
    private final FieldPath tablePath = new FieldPath("source", "table");
    private final Map<String, Map<String, Boolean>> tableDecisions = new HashMap<>();

    @Override
    public void configure(Map<String, ?> props) {
        AbstractConfig config = new AbstractConfig(CONFIG_DEF, props);
        MissingFieldPolicy missing = MissingFieldPolicy.parse(config.getString(MISSING_FIELDS));
        condition = ConditionParser.parse(CONDITION, config.getString(CONDITION), missing);
        opsInclude = Set.copyOf(config.getList(OPS_INCLUDE));
        opsExclude = Set.copyOf(config.getList(OPS_EXCLUDE));
        databasesInclude = Glob.compileAll(config.getList(DATABASES_INCLUDE));
        databasesExclude = Glob.compileAll(config.getList(DATABASES_EXCLUDE));
        tablesInclude = Glob.compileAll(config.getList(TABLES_INCLUDE));
        tablesExclude = Glob.compileAll(config.getList(TABLES_EXCLUDE));
        filtersTables = !(databasesInclude.isEmpty()
                && databasesExclude.isEmpty()
                && tablesInclude.isEmpty()
                && tablesExclude.isEmpty());
        tombstones = config.getString(TOMBSTONES);
        keepHeartbeats = config.getString(HEARTBEATS).equals("keep");
        keepSchemaChanges = config.getString(SCHEMA_CHANGES).equals("keep");
        keepTransactions = config.getString(TRANSACTIONS).equals("keep");
        rejectContradictions();
    }

    private void rejectContradictions() {
        for (String op : opsInclude) {
            if (opsExclude.contains(op)) {
                throw new ConfigException(
                        OPS_EXCLUDE,
                        String.join(",", opsExclude),
                        "operation '" + op + "' is both included and excluded; remove it from one of " + OPS_INCLUDE
                                + " and " + OPS_EXCLUDE);
            }
        }
    }

    @Override
    public R apply(R record) {
        RecordKind kind = RecordKinds.of(record);
        boolean keep = switch (kind) {
            case DATA_CHANGE -> keepDataChange(record);
            case TOMBSTONE -> keepTombstone(record);
            case HEARTBEAT -> keepHeartbeats;
            case SCHEMA_CHANGE -> keepSchemaChanges;
            case TRANSACTION -> keepTransactions;
            case OTHER -> true;
        };
        return keep ? record : null;
    }

    private boolean keepDataChange(R record) {
        Object value = record.value();
        String op = opPath.string(value);
        if (op == null) {
            throw new DataException(
                    "Change event on topic '" + record.topic() + "' has no text field 'op' in its value; "
                            + "ChangeFilter needs Debezium's envelope: place it before transforms that unwrap the envelope");
        }
        boolean keep = keepOperation(op) && keepTable(record, value) && condition.test(value, record.topic());
        if (op.equals("d")) {
            follower.rememberDelete(record, keep);
        }
        return keep;
    }

    private boolean keepOperation(String op) {
        return (opsInclude.isEmpty() || opsInclude.contains(op)) && !opsExclude.contains(op);
    }

    private boolean keepTable(R record, Object value) {
        if (!filtersTables) {
            return true;
        }
        String db = dbPath.string(value);
        String table = tablePath.string(value);
        if (db == null || table == null) {
            throw new DataException(
                    "Change event on topic '" + record.topic() + "' has no source.db/source.table text; "
                            + "remove the database/table include/exclude settings or keep the source block in the value");
        }
        Map<String, Boolean> byTable = tableDecisions.get(db);
        if (byTable == null) {
            byTable = new HashMap<>();
            tableDecisions.put(db, byTable);
        }
        Boolean decision = byTable.get(table);
        if (decision == null) {
            decision = decideTable(db, table);
            if (byTable.size() >= MAX_CACHED_TABLES) {
                byTable.clear();
            }
            byTable.put(table, decision);
        }
        return decision;
    }

    private boolean decideTable(String db, String table) {
        String qualified = db + "." + table;
        return (databasesInclude.isEmpty() || Glob.anyMatches(databasesInclude, db))
                && !Glob.anyMatches(databasesExclude, db)
                && (tablesInclude.isEmpty() || Glob.anyMatches(tablesInclude, qualified))
                && !Glob.anyMatches(tablesExclude, qualified);
    }

    private boolean keepTombstone(R record) {
        return switch (tombstones) {
            case "keep" -> true;
            case "drop" -> false;
            default -> follower.decisionFor(record, true);
        };
    }

    static ConfigDef.Validator conditionValidator() {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                ConditionParser.parse(name, (String) value, MissingFieldPolicy.NULL);
            }

            @Override
            public String toString() {
                return "a condition (see the grammar in the description)";
            }
        };
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

    @Override
    public String version() {
        return TransformsVersion.get();
    }

    @Override
    public void close() {
        tableDecisions.clear();
    }
}
