package dev.mskcdc.transforms.filter;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.transforms.Transformation;

import dev.mskcdc.transforms.ConfigValidators;
import dev.mskcdc.transforms.PluginBase;
import dev.mskcdc.transforms.records.BoundedCache;
import dev.mskcdc.transforms.records.EnvelopeView;
import dev.mskcdc.transforms.records.TombstoneFollower;

/** Keeps or drops Debezium change events by operation, database, table, condition and record kind. */
public class ChangeFilter<R extends ConnectRecord<R>> extends PluginBase implements Transformation<R> {

    public static final String OVERVIEW_DOC =
            "Keeps or drops Debezium change events without scripting. A data change is "
                    + "kept when its operation, database and table pass the include/exclude lists and the condition is true; "
                    + "the tombstone after a delete follows the delete's fate; heartbeats, schema changes and transaction "
                    + "records are kept or dropped by their own settings. Records that are not Debezium events pass untouched.";

    public static final String CONDITION = ConditionSettings.CONDITION;
    public static final String MISSING_FIELDS = ConditionSettings.MISSING_FIELDS;
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

    public static final ConfigDef CONFIG_DEF = ConditionSettings.define(
                    new ConfigDef(), GROUP, "", "Keep only data changes for which this condition is true (empty: all).")
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
                    ConfigValidators.oneOf(Tombstones.class),
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

    private static final int MAX_CACHED_DATABASES = 1_000;
    private static final int MAX_CACHED_TABLES = 10_000;

    /** What happens to a tombstone (setting {@value #TOMBSTONES}). */
    enum Tombstones {
        FOLLOW,
        KEEP,
        DROP
    }

    private Condition condition;
    private Set<String> opsInclude;
    private Set<String> opsExclude;
    private List<Pattern> databasesInclude;
    private List<Pattern> databasesExclude;
    private List<Pattern> tablesInclude;
    private List<Pattern> tablesExclude;
    private boolean filtersTables;
    private Tombstones tombstones;
    private boolean keepHeartbeats;
    private boolean keepSchemaChanges;
    private boolean keepTransactions;
    private final TombstoneFollower follower = new TombstoneFollower();
    private final EnvelopeView envelope = new EnvelopeView();
    private final BoundedCache<String, BoundedCache<String, Boolean>> tableDecisions = new BoundedCache<>(
            MAX_CACHED_DATABASES, db -> new BoundedCache<>(MAX_CACHED_TABLES, table -> decideTable(db, table)));

    public ChangeFilter() {
        super(CONFIG_DEF);
    }

    @Override
    public void configure(Map<String, ?> props) {
        AbstractConfig config = new AbstractConfig(CONFIG_DEF, props);
        condition = ConditionSettings.condition(config);
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
        tombstones = ConfigValidators.constant(Tombstones.class, config.getString(TOMBSTONES));
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
        boolean keep = switch (envelope.kind(record)) {
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
        String op = envelope.op(value);
        if (op == null) {
            throw new DataException(
                    "Change event on topic '" + record.topic() + "' has no text field 'op' in its value; "
                            + "ChangeFilter needs Debezium's envelope: place it before transforms that unwrap the envelope");
        }
        boolean keep = keepOperation(op) && keepTable(record, value) && condition.test(value, record.topic());
        if (op.equals(EnvelopeView.DELETE)) {
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
        String db = envelope.db(value);
        String table = envelope.table(value);
        if (db == null || table == null) {
            throw new DataException(
                    "Change event on topic '" + record.topic() + "' has no source.db/source.table text; "
                            + "remove the database/table include/exclude settings or keep the source block in the value");
        }
        return tableDecisions.get(db).get(table);
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
            case KEEP -> true;
            case DROP -> false;
            case FOLLOW -> follower.decisionFor(record, true);
        };
    }

    @Override
    public void close() {}
}
