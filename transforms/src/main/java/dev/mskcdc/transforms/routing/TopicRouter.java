package dev.mskcdc.transforms.routing;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.transforms.Transformation;

import dev.mskcdc.transforms.ConfigValidators;
import dev.mskcdc.transforms.PluginBase;
import dev.mskcdc.transforms.keys.ShardKey;
import dev.mskcdc.transforms.records.BoundedCache;
import dev.mskcdc.transforms.records.EnvelopeView;
import dev.mskcdc.transforms.records.KeyHeaders;
import dev.mskcdc.transforms.records.LetterCase;
import dev.mskcdc.transforms.records.RecordKind;
import dev.mskcdc.transforms.routing.TopicRoutes.Route;

/**
 * Routes Debezium change events to topics derived from their own topic name. The decision
 * depends on the topic only, so a tombstone always lands where its delete did.
 */
public class TopicRouter<R extends ConnectRecord<R>> extends PluginBase implements Transformation<R> {

    public static final String OVERVIEW_DOC = "Routes Debezium change events by topic name: a regex with named groups "
            + "(db, table, prefix, shard) reads the parts of the topic Debezium chose (<topic.prefix>.<db>.<table>), a "
            + "template builds the new name, an explicit lookup table wins over the template, and optional case folding "
            + "(Locale.ROOT, failing on two tables folding into one topic) and prefix stripping apply. Merging sharded "
            + "tables can add a compact shard identifier to the key so keys stay unique. Decisions are cached per topic; "
            + "tombstones go where their delete went; heartbeats, schema changes and transaction records are untouched "
            + "unless listed in 'kinds'.";

    public static final String REGEX = "regex";
    public static final String REPLACEMENT = "replacement";
    public static final String LOOKUP = "lookup";
    public static final String TOPIC_CASE = "topic.case";
    public static final String PREFIX_STRIP = "prefix.strip";
    public static final String SHARD_KEY_FIELD = ShardKey.SETTING;
    public static final String KINDS = "kinds";

    public static final String DEFAULT_REGEX = "(?<prefix>.+)\\.(?<db>[^.]+)\\.(?<table>[^.]+)";
    public static final String DEFAULT_REPLACEMENT = "${prefix}.${db}.${table}";

    private static final String GROUP = "Routing";
    private static final int MAX_CACHED_TOPICS = 10_000;

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(
                    REGEX,
                    ConfigDef.Type.STRING,
                    DEFAULT_REGEX,
                    ConfigValidators.regex(),
                    ConfigDef.Importance.HIGH,
                    "Regex the whole source topic must match to be routed; topics that do not match keep their name. "
                            + "Named groups 'db', 'table', 'prefix' and 'shard' give the topic's parts to "
                            + REPLACEMENT + ", " + LOOKUP + ", " + PREFIX_STRIP + " and " + SHARD_KEY_FIELD + ". The "
                            + "default reads Debezium's <topic.prefix>.<db>.<table>.",
                    GROUP,
                    1,
                    ConfigDef.Width.LONG,
                    "Topic regex")
            .define(
                    REPLACEMENT,
                    ConfigDef.Type.STRING,
                    DEFAULT_REPLACEMENT,
                    new ConfigDef.NonNullValidator(),
                    ConfigDef.Importance.HIGH,
                    "Template of the new topic name: ${name} inserts a named group, $1 a "
                            + "numbered one. Example to merge shards orders_0..orders_63: regex "
                            + "'(?<prefix>.+)\\.(?<db>[^.]+)\\.(?<table>orders)_(?<shard>\\d+)', replacement "
                            + "'${prefix}.${db}.${table}'.",
                    GROUP,
                    2,
                    ConfigDef.Width.LONG,
                    "Topic template")
            .define(
                    LOOKUP,
                    ConfigDef.Type.LIST,
                    "",
                    ConfigValidators.pairs(':', "<db>.<table>:<topic>"),
                    ConfigDef.Importance.MEDIUM,
                    "Explicit routes that win over the template, as '<db>.<table>:<topic>' "
                            + "entries matched exactly against the regex groups db and table; the topic is used as "
                            + "written (no case folding or prefix stripping).",
                    GROUP,
                    3,
                    ConfigDef.Width.LONG,
                    "Lookup table")
            .define(
                    TOPIC_CASE,
                    ConfigDef.Type.STRING,
                    "none",
                    ConfigValidators.oneOf(LetterCase.class),
                    ConfigDef.Importance.MEDIUM,
                    "Case folding of templated topic names, with Locale.ROOT. Two different "
                            + "source topics that fold into one name fail the record instead of silently merging tables.",
                    GROUP,
                    4,
                    ConfigDef.Width.SHORT,
                    "Topic case")
            .define(
                    PREFIX_STRIP,
                    ConfigDef.Type.BOOLEAN,
                    false,
                    new ConfigDef.NonNullValidator(),
                    ConfigDef.Importance.MEDIUM,
                    "Remove the server prefix (the regex group 'prefix' and the dot after it) "
                            + "from the start of templated topic names: shop.inventory.orders -> inventory.orders.",
                    GROUP,
                    5,
                    ConfigDef.Width.SHORT,
                    "Strip prefix")
            .define(
                    SHARD_KEY_FIELD,
                    ConfigDef.Type.STRING,
                    "",
                    new ConfigDef.NonNullValidator(),
                    ConfigDef.Importance.MEDIUM,
                    "When set, routed data changes and tombstones whose topic matched a "
                            + "'shard' group get a text key field of this name holding the shard identifier (e.g. '12'), "
                            + "so rows with the same primary key in different shards keep distinct keys. Debezium's "
                            + "primary-key-change headers get the field too; truncates (null key) are routed without it. "
                            + "Empty: keys untouched.",
                    GROUP,
                    6,
                    ConfigDef.Width.MEDIUM,
                    "Shard key field")
            .define(
                    KINDS,
                    ConfigDef.Type.LIST,
                    "data",
                    ConfigDef.ValidList.in("data", "heartbeat", "schema_change", "transaction", "other"),
                    ConfigDef.Importance.LOW,
                    "Record kinds to route: data (data changes and their tombstones), heartbeat, schema_change, "
                            + "transaction, other (records that are not Debezium events). Kinds not listed pass untouched.",
                    GROUP,
                    7,
                    ConfigDef.Width.MEDIUM,
                    "Record kinds");

    private Set<RecordKind> kinds;
    private BoundedCache<String, Route> routes;
    /** Null when shard.key.field is empty. */
    private ShardKey shardKey;

    private final EnvelopeView envelope = new EnvelopeView();

    public TopicRouter() {
        super(CONFIG_DEF);
    }

    @Override
    public void configure(Map<String, ?> props) {
        AbstractConfig config = new AbstractConfig(CONFIG_DEF, props);
        TopicRoutes decisions = new TopicRoutes(config);
        routes = new BoundedCache<>(MAX_CACHED_TOPICS, decisions::decide);
        String shardKeyField = config.getString(SHARD_KEY_FIELD).trim();
        shardKey = shardKeyField.isEmpty() ? null : new ShardKey(shardKeyField);
        kinds = parseKinds(config.getList(KINDS));
    }

    private static Set<RecordKind> parseKinds(List<String> names) {
        Set<RecordKind> set = EnumSet.noneOf(RecordKind.class);
        for (String name : names) {
            switch (name) {
                case "data" -> {
                    set.add(RecordKind.DATA_CHANGE);
                    set.add(RecordKind.TOMBSTONE);
                }
                case "heartbeat" -> set.add(RecordKind.HEARTBEAT);
                case "schema_change" -> set.add(RecordKind.SCHEMA_CHANGE);
                case "transaction" -> set.add(RecordKind.TRANSACTION);
                default -> set.add(RecordKind.OTHER);
            }
        }
        return set;
    }

    @Override
    public R apply(R record) {
        RecordKind kind = envelope.kind(record);
        if (!kinds.contains(kind)) {
            return record;
        }
        Route route = routes.get(record.topic());
        if (!addsShard(route, kind, record)) {
            return route.topic().equals(record.topic())
                    ? record
                    : record.newRecord(
                            route.topic(),
                            record.kafkaPartition(),
                            record.keySchema(),
                            record.key(),
                            record.valueSchema(),
                            record.value(),
                            record.timestamp());
        }
        String topic = record.topic();
        SchemaAndValue key = shardKey.add(topic, record.keySchema(), record.key(), route.shardId());
        Headers headers = KeyHeaders.rewritten(
                record.headers(), header -> shardKey.add(topic, header.schema(), header.value(), route.shardId()));
        return record.newRecord(
                route.topic(),
                record.kafkaPartition(),
                key.schema(),
                key.value(),
                record.valueSchema(),
                record.value(),
                record.timestamp(),
                headers == null ? record.headers().duplicate() : headers);
    }

    /**
     * Row records of a topic with a shard group get the shard key field, except truncates: Debezium emits
     * them with a null key, and there is no row whose key needs keeping unique.
     */
    private boolean addsShard(Route route, RecordKind kind, R record) {
        return route.shardId() != null
                && shardKey != null
                && envelope.isRowRecord(kind)
                && !(record.key() == null && envelope.isTruncate(record.value()));
    }

    @Override
    public void close() {}
}
