package dev.mskcdc.transforms.keys;

import java.util.Map;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.transforms.Transformation;

import dev.mskcdc.transforms.ConfigValidators;
import dev.mskcdc.transforms.PluginBase;
import dev.mskcdc.transforms.records.BoundedCache;
import dev.mskcdc.transforms.records.EnvelopeView;
import dev.mskcdc.transforms.records.KeyHeaders;
import dev.mskcdc.transforms.records.LetterCase;

/**
 * Makes Debezium keys canonical, so that two keys MySQL considers equal are equal bytes in
 * Kafka: chosen fields in a fixed order, field names case-normalized, values normalized per
 * column (case folding for _ci collations, trailing-space trimming for PAD SPACE collations,
 * BINARY(n) zero padding), output as a Struct, a canonical string or a SHA-256 hash.
 */
public class NormalizeKey<R extends ConnectRecord<R>> extends PluginBase implements Transformation<R> {

    public static final String OVERVIEW_DOC = "Normalizes the keys of Debezium data changes and their tombstones "
            + "(heartbeats, schema changes and transaction records pass untouched; so do null keys of tables without a "
            + "primary key). Keys become canonical: the chosen fields in a fixed order, field names case-normalized, "
            + "values normalized per column for MySQL semantics. A delete and its tombstone get the same key and "
            + "partition; Debezium's primary-key-change headers (__debezium.oldkey / __debezium.newkey) are rewritten "
            + "the same way.";

    public static final String FIELDS = "fields";
    public static final String FIELD_NAME_CASE = "field.name.case";
    public static final String CI_FIELDS = "ci.fields";
    public static final String PAD_FIELDS = "pad.fields";
    public static final String BINARY_FIELDS = "binary.fields";
    public static final String OUTPUT = "output";
    public static final String PARTITIONS = "partitions";

    /** Encodes a null inside the canonical string; escaping guarantees no value produces it. */
    public static final String CANONICAL_NULL = "\\N";

    public static final char CANONICAL_SEPARATOR = '|';

    private static final String GROUP = "Key";
    private static final int MAX_CACHED_SCHEMAS = 1_000;

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(
                    FIELDS,
                    ConfigDef.Type.LIST,
                    "",
                    ConfigValidators.nonEmptyEntries(),
                    ConfigDef.Importance.HIGH,
                    "Key fields to keep, in this order. Empty: all key fields, in key schema order (schemaless keys: "
                            + "sorted by name).",
                    GROUP,
                    1,
                    ConfigDef.Width.LONG,
                    "Fields")
            .define(
                    FIELD_NAME_CASE,
                    ConfigDef.Type.STRING,
                    "none",
                    ConfigValidators.oneOf(LetterCase.class),
                    ConfigDef.Importance.MEDIUM,
                    "Case of the output field names (Locale.ROOT).",
                    GROUP,
                    2,
                    ConfigDef.Width.SHORT,
                    "Field name case")
            .define(
                    CI_FIELDS,
                    ConfigDef.Type.LIST,
                    "",
                    ConfigValidators.nonEmptyEntries(),
                    ConfigDef.Importance.MEDIUM,
                    "Text key columns with a case-insensitive (_ci) collation: values are lower-cased with Locale.ROOT, "
                            + "so 'Bob' and 'BOB', one row for MySQL, get one key.",
                    GROUP,
                    3,
                    ConfigDef.Width.LONG,
                    "Case-insensitive columns")
            .define(
                    PAD_FIELDS,
                    ConfigDef.Type.LIST,
                    "",
                    ConfigValidators.nonEmptyEntries(),
                    ConfigDef.Importance.MEDIUM,
                    "Text key columns compared with PAD SPACE (CHAR columns, and VARCHAR under PAD SPACE collations): "
                            + "trailing spaces are removed, so 'ab' and 'ab  ' get one key.",
                    GROUP,
                    4,
                    ConfigDef.Width.LONG,
                    "PAD SPACE columns")
            .define(
                    BINARY_FIELDS,
                    ConfigDef.Type.LIST,
                    "",
                    ConfigValidators.pairs(':', "<field>:<length>"),
                    ConfigDef.Importance.MEDIUM,
                    "BINARY(n) key columns as '<field>:<n>': values are right-padded with "
                            + "0x00 to n bytes, as MySQL stores them (the binlog can deliver them unpadded). Needs "
                            + "binary.handling.mode=bytes on the connector.",
                    GROUP,
                    5,
                    ConfigDef.Width.LONG,
                    "BINARY(n) columns")
            .define(
                    OUTPUT,
                    ConfigDef.Type.STRING,
                    "struct",
                    ConfigValidators.oneOf(Output.class),
                    ConfigDef.Importance.HIGH,
                    "Key form: 'struct' (the chosen fields), 'string' (canonical text: values "
                            + "in field order joined by '|', with '\\' and '|' escaped by '\\', null as \\N, bytes as lower-case "
                            + "hex, decimals as plain text), or 'hash' (lower-case hex SHA-256 of the canonical text).",
                    GROUP,
                    6,
                    ConfigDef.Width.SHORT,
                    "Output")
            .define(
                    PARTITIONS,
                    ConfigDef.Type.INT,
                    0,
                    ConfigDef.Range.atLeast(0),
                    ConfigDef.Importance.MEDIUM,
                    "When above 0, set the record's partition to murmur2(canonical text as UTF-8) mod this number (the "
                            + "topics' partition count): order-sensitive, independent of the key converter, the same for "
                            + "a delete and its tombstone. 0 leaves the partition to the producer.",
                    GROUP,
                    7,
                    ConfigDef.Width.SHORT,
                    "Partitions");

    /** The key form (setting {@value #OUTPUT}). */
    enum Output {
        STRUCT,
        STRING,
        HASH
    }

    /** The output key and the canonical text it was derived from (null when neither output nor partition needs it). */
    record Normalized(SchemaAndValue key, String canonical) {}

    private KeyRules rules;
    private Output output;
    private int partitions;
    private BoundedCache<Schema, KeyPlan> plans;
    private final EnvelopeView envelope = new EnvelopeView();

    public NormalizeKey() {
        super(CONFIG_DEF);
    }

    @Override
    public void configure(Map<String, ?> props) {
        AbstractConfig config = new AbstractConfig(CONFIG_DEF, props);
        rules = new KeyRules(config);
        output = ConfigValidators.constant(Output.class, config.getString(OUTPUT));
        partitions = config.getInt(PARTITIONS);
        plans = new BoundedCache<>(MAX_CACHED_SCHEMAS, schema -> KeyPlan.forSchema(schema, rules));
    }

    @Override
    public R apply(R record) {
        if (!envelope.isRowRecord(envelope.kind(record)) || record.key() == null) {
            return record;
        }
        String topic = record.topic();
        Normalized key = normalize(topic, "key", record.keySchema(), record.key());
        Integer partition = partitions > 0
                ? Integer.valueOf(CanonicalText.partition(key.canonical(), partitions))
                : record.kafkaPartition();
        Headers headers = KeyHeaders.rewritten(
                record.headers(),
                header -> normalize(topic, "header", header.schema(), header.value())
                        .key());
        return record.newRecord(
                topic,
                partition,
                key.key().schema(),
                key.key().value(),
                record.valueSchema(),
                record.value(),
                record.timestamp(),
                headers == null ? record.headers().duplicate() : headers);
    }

    /** {@code part} ("key" or "header") and {@code topic} only name the key in an error. */
    private Normalized normalize(String topic, String part, Schema schema, Object key) {
        try {
            return normalize(schema, key);
        } catch (KeyProblem problem) {
            throw problem.on(part, topic);
        }
    }

    private Normalized normalize(Schema schema, Object key) {
        KeyPlan plan;
        if (key instanceof Struct struct) {
            plan = plans.get(struct.schema());
        } else if (key instanceof Map<?, ?> map) {
            plan = KeyPlan.forMap(map, rules);
        } else {
            throw KeyProblem.notAStructOrMap(key);
        }
        Object[] values = plan.values(key);
        String canonical = output != Output.STRUCT || partitions > 0 ? CanonicalText.of(plan.names(), values) : null;
        // A schemaless (Map) key stays schemaless; a Struct key gets its plan's schema.
        Schema keySchema = plan.structSchema() != null ? plan.structSchema() : schema;
        Schema textSchema = keySchema == null ? null : Schema.STRING_SCHEMA;
        return switch (output) {
            case STRUCT -> new Normalized(new SchemaAndValue(keySchema, plan.output(values)), canonical);
            case STRING -> new Normalized(new SchemaAndValue(textSchema, canonical), canonical);
            case HASH -> new Normalized(new SchemaAndValue(textSchema, CanonicalText.sha256Hex(canonical)), canonical);
        };
    }

    @Override
    public void close() {}
}
