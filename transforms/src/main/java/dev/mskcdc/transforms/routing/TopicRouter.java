package dev.mskcdc.transforms.routing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.transforms.Transformation;

import dev.mskcdc.transforms.ConfigValidators;
import dev.mskcdc.transforms.TransformsVersion;
import dev.mskcdc.transforms.records.FieldPath;
import dev.mskcdc.transforms.records.KeyHeaders;
import dev.mskcdc.transforms.records.RecordKind;
import dev.mskcdc.transforms.records.RecordKinds;

/**
 * Routes Debezium change events to topics derived from their own topic name. The decision
 * depends on the topic only, so a tombstone always lands where its delete did.
 */
public class TopicRouter<R extends ConnectRecord<R>> implements Transformation<R>, Versioned {

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
    public static final String SHARD_KEY_FIELD = "shard.key.field";
    public static final String KINDS = "kinds";

    public static final String DEFAULT_REGEX = "(?<prefix>.+)\\.(?<db>[^.]+)\\.(?<table>[^.]+)";
    public static final String DEFAULT_REPLACEMENT = "${prefix}.${db}.${table}";

    private static final String GROUP = "Routing";
    private static final int MAX_CACHED_TOPICS = 10_000;
    private static final int MAX_TOPIC_LENGTH = 249;
    private static final Pattern LEGAL_TOPIC = Pattern.compile("[a-zA-Z0-9._-]+");
    private static final Pattern NAMED_GROUP = Pattern.compile("(?<!\\\\)\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");
    private static final Pattern TEMPLATE_REFERENCE = Pattern.compile("\\$\\{([^}]*)}|\\$(\\d+)|\\$");

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
                    ConfigDef.ValidString.in("none", "lower", "upper"),
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

    /** Where one source topic goes; {@code shardId} is null when the topic had no shard group. */
    record Route(String topic, String shardId) {}

    private Pattern regex;
    private List<Object> template;
    private Set<String> groups;
    private Map<String, String> lookup;
    private String topicCase;
    private boolean stripPrefix;
    private String shardKeyField;
    private Set<RecordKind> kinds;
    private final Map<String, Route> routes = new HashMap<>();
    private final Map<String, String> foldedFrom = new HashMap<>();
    private final Map<Schema, Schema> shardKeySchemas = new HashMap<>();
    private Schema lastKeySchema;
    private Schema lastShardKeySchema;
    private final FieldPath opPath = new FieldPath("op");

    @Override
    public void configure(Map<String, ?> props) {
        AbstractConfig config = new AbstractConfig(CONFIG_DEF, props);
        regex = Pattern.compile(config.getString(REGEX));
        groups = namedGroups(config.getString(REGEX));
        template = compileTemplate(config.getString(REPLACEMENT));
        lookup = parseLookup(config.getList(LOOKUP));
        topicCase = config.getString(TOPIC_CASE);
        stripPrefix = config.getBoolean(PREFIX_STRIP);
        shardKeyField = config.getString(SHARD_KEY_FIELD).trim();
        kinds = parseKinds(config.getList(KINDS));
        requireGroup(PREFIX_STRIP, stripPrefix, "true", "prefix");
        requireGroup(SHARD_KEY_FIELD, !shardKeyField.isEmpty(), shardKeyField, "shard");
        requireGroup(LOOKUP, !lookup.isEmpty(), String.join(",", config.getList(LOOKUP)), "db");
        requireGroup(LOOKUP, !lookup.isEmpty(), String.join(",", config.getList(LOOKUP)), "table");
    }

    /** Debezium emits truncates with a null key: there is no row whose key needs keeping unique. */
    private boolean isKeylessTruncate(R record) {
        return record.key() == null && "t".equals(opPath.string(record.value()));
    }

    private void requireGroup(String key, boolean used, String value, String group) {
        if (used && !groups.contains(group)) {
            throw new ConfigException(
                    key, value, "needs a named group '" + group + "' in " + REGEX + ", e.g. (?<" + group + ">...)");
        }
    }

    static Set<String> namedGroups(String regex) {
        Set<String> names = new HashSet<>();
        Matcher matcher = NAMED_GROUP.matcher(regex);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /** Literal text as String, group references as Integer (numbered) or GroupName (named). */
    private List<Object> compileTemplate(String replacement) {
        List<Object> parts = new ArrayList<>();
        int groupCount = regex.matcher("").groupCount();
        Matcher matcher = TEMPLATE_REFERENCE.matcher(replacement);
        int last = 0;
        StringBuilder literal = new StringBuilder();
        while (matcher.find()) {
            literal.append(replacement, last, matcher.start());
            last = matcher.end();
            if (matcher.group(1) != null) {
                String name = matcher.group(1);
                if (!groups.contains(name)) {
                    throw new ConfigException(
                            REPLACEMENT,
                            replacement,
                            "refers to ${" + name + "}, but " + REGEX + " has no group named '" + name
                                    + "'; its named groups are "
                                    + groups.stream().sorted().toList());
                }
                flush(parts, literal);
                parts.add(new GroupName(name));
            } else if (matcher.group(2) != null) {
                int number = Integer.parseInt(matcher.group(2));
                if (number > groupCount) {
                    throw new ConfigException(
                            REPLACEMENT,
                            replacement,
                            "refers to $" + number + ", but " + REGEX + " has only " + groupCount + " groups");
                }
                flush(parts, literal);
                parts.add(number);
            } else {
                throw new ConfigException(
                        REPLACEMENT,
                        replacement,
                        "has a '$' at position " + matcher.start()
                                + " that is not ${name} or $<number> (topic names cannot contain '$')");
            }
        }
        literal.append(replacement.substring(last));
        flush(parts, literal);
        return List.copyOf(parts);
    }

    record GroupName(String name) {}

    private static void flush(List<Object> parts, StringBuilder literal) {
        if (!literal.isEmpty()) {
            parts.add(literal.toString());
            literal.setLength(0);
        }
    }

    private static Map<String, String> parseLookup(List<String> entries) {
        Map<String, String> map = new HashMap<>();
        for (String entry : entries) {
            int at = entry.lastIndexOf(':');
            String table = entry.substring(0, at).trim();
            String topic = entry.substring(at + 1).trim();
            if (!isLegalTopic(topic)) {
                throw new ConfigException(
                        LOOKUP,
                        String.join(",", entries),
                        "entry '" + entry + "' routes to '" + topic
                                + "', which is not a legal Kafka topic name (letters, digits, '.', '_', '-'; at most 249)");
            }
            if (map.put(table, topic) != null) {
                throw new ConfigException(LOOKUP, String.join(",", entries), "table '" + table + "' is listed twice");
            }
        }
        return Map.copyOf(map);
    }

    private static Set<RecordKind> parseKinds(List<String> names) {
        Set<RecordKind> set = new HashSet<>();
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
        return Set.copyOf(set);
    }

    @Override
    public R apply(R record) {
        RecordKind kind = RecordKinds.of(record);
        if (!kinds.contains(kind)) {
            return record;
        }
        Route route = routeFor(record.topic());
        boolean addShard = route.shardId() != null
                && !shardKeyField.isEmpty()
                && (kind == RecordKind.DATA_CHANGE || kind == RecordKind.TOMBSTONE)
                && !isKeylessTruncate(record);
        if (!addShard) {
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
        SchemaAndValue key = withShard(record.topic(), record.keySchema(), record.key(), route.shardId());
        Headers headers = KeyHeaders.rewritten(
                record.headers(),
                header -> withShard(record.topic(), header.schema(), header.value(), route.shardId()));
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

    private Route routeFor(String topic) {
        Route route = routes.get(topic);
        if (route == null) {
            route = decide(topic);
            if (routes.size() >= MAX_CACHED_TOPICS) {
                routes.clear();
            }
            routes.put(topic, route);
        }
        return route;
    }

    Route decide(String topic) {
        Matcher matcher = regex.matcher(topic);
        if (!matcher.matches()) {
            return new Route(topic, null);
        }
        String shard = groups.contains("shard") ? matcher.group("shard") : null;
        if (!lookup.isEmpty()) {
            String explicit = lookup.get(matcher.group("db") + "." + matcher.group("table"));
            if (explicit != null) {
                return new Route(explicit, shard);
            }
        }
        String target = render(matcher);
        if (stripPrefix) {
            String prefix = matcher.group("prefix") + ".";
            if (prefix.length() > 1 && target.startsWith(prefix)) {
                target = target.substring(prefix.length());
            }
        }
        target = fold(topic, target);
        if (!isLegalTopic(target)) {
            throw new DataException("TopicRouter routes topic '" + topic + "' to '" + target
                    + "', which is not a legal "
                    + "Kafka topic name (letters, digits, '.', '_', '-'; 1 to 249 characters); fix " + REPLACEMENT
                    + " or add a " + LOOKUP + " entry for this table");
        }
        return new Route(target, shard);
    }

    private String render(Matcher matcher) {
        StringBuilder topic = new StringBuilder();
        for (Object part : template) {
            String text;
            if (part instanceof String literal) {
                text = literal;
            } else if (part instanceof Integer number) {
                text = matcher.group(number);
            } else {
                text = matcher.group(((GroupName) part).name());
            }
            topic.append(text == null ? "" : text);
        }
        return topic.toString();
    }

    private String fold(String source, String target) {
        if (topicCase.equals("none")) {
            return target;
        }
        String folded = topicCase.equals("lower") ? target.toLowerCase(Locale.ROOT) : target.toUpperCase(Locale.ROOT);
        String previous = foldedFrom.putIfAbsent(folded, target);
        if (previous != null && !previous.equals(target)) {
            throw new DataException("TopicRouter with " + TOPIC_CASE + "=" + topicCase + " would send topic '" + source
                    + "' (routed to '" + target + "') and the table routed to '" + previous + "' both to '" + folded
                    + "'; these are different tables: add a " + LOOKUP + " entry for one of them or set " + TOPIC_CASE
                    + "=none");
        }
        return folded;
    }

    private static boolean isLegalTopic(String topic) {
        return topic.length() <= MAX_TOPIC_LENGTH
                && LEGAL_TOPIC.matcher(topic).matches()
                && !topic.equals(".")
                && !topic.equals("..");
    }

    private SchemaAndValue withShard(String topic, Schema keySchema, Object key, String shardId) {
        if (key instanceof Struct struct) {
            Schema schema = shardKeySchema(topic, struct.schema());
            Struct updated = new Struct(schema);
            for (Field field : struct.schema().fields()) {
                updated.put(field.name(), struct.get(field));
            }
            updated.put(shardKeyField, shardId);
            return new SchemaAndValue(schema, updated);
        }
        if (key instanceof Map<?, ?> map) {
            if (map.containsKey(shardKeyField)) {
                throw shardFieldClash(topic);
            }
            Map<Object, Object> updated = new HashMap<>(map);
            updated.put(shardKeyField, shardId);
            return new SchemaAndValue(keySchema, updated);
        }
        throw new DataException(
                "TopicRouter cannot add " + SHARD_KEY_FIELD + " '" + shardKeyField + "' to the key of a "
                        + "record on topic '" + topic + "': the key is "
                        + (key == null
                                ? "null (a table without primary key)"
                                : "a " + key.getClass().getSimpleName())
                        + ", not a Struct or Map; set message.key.columns on the "
                        + "connector or leave " + SHARD_KEY_FIELD + " empty");
    }

    private Schema shardKeySchema(String topic, Schema keySchema) {
        if (keySchema == lastKeySchema) {
            return lastShardKeySchema;
        }
        Schema schema = shardKeySchemas.get(keySchema);
        if (schema == null) {
            if (keySchema.field(shardKeyField) != null) {
                throw shardFieldClash(topic);
            }
            SchemaBuilder builder = SchemaBuilder.struct()
                    .name(keySchema.name())
                    .version(keySchema.version())
                    .doc(keySchema.doc());
            for (Field field : keySchema.fields()) {
                builder.field(field.name(), field.schema());
            }
            schema = builder.field(shardKeyField, Schema.STRING_SCHEMA).build();
            shardKeySchemas.put(keySchema, schema);
        }
        lastKeySchema = keySchema;
        lastShardKeySchema = schema;
        return schema;
    }

    private DataException shardFieldClash(String topic) {
        return new DataException("The key of a record on topic '" + topic + "' already has a field '" + shardKeyField
                + "'; choose another " + SHARD_KEY_FIELD);
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
        routes.clear();
        foldedFrom.clear();
        shardKeySchemas.clear();
    }
}
