package dev.mskcdc.transforms.keys;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.utils.Utils;
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
import dev.mskcdc.transforms.records.KeyHeaders;
import dev.mskcdc.transforms.records.RecordKind;
import dev.mskcdc.transforms.records.RecordKinds;

/**
 * Makes Debezium keys canonical, so that two keys MySQL considers equal are equal bytes in
 * Kafka: chosen fields in a fixed order, field names case-normalized, values normalized per
 * column (case folding for _ci collations, trailing-space trimming for PAD SPACE collations,
 * BINARY(n) zero padding), output as a Struct, a canonical string or a SHA-256 hash.
 */
public class NormalizeKey<R extends ConnectRecord<R>> implements Transformation<R>, Versioned {

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
    private static final int MAX_BINARY_LENGTH = 255;

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
                    ConfigDef.ValidString.in("none", "lower", "upper"),
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
                    ConfigDef.ValidString.in("struct", "string", "hash"),
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

    /** How one key column's value is normalized. */
    enum Rule {
        AS_IS,
        CASE_FOLD,
        TRIM_PAD,
        BINARY_PAD
    }

    /** The resolved recipe for one key schema: which input fields, their output names and rules. */
    record Plan(Field[] inputs, String[] names, Rule[] rules, int[] binaryLengths, Schema structSchema) {}

    private List<String> fields;
    private String nameCase;
    private Set<String> ciFields;
    private Set<String> padFields;
    private Map<String, Integer> binaryFields;
    private String output;
    private int partitions;
    private final Map<Schema, Plan> plans = new HashMap<>();
    private Schema lastSchema;
    private Plan lastPlan;

    @Override
    public void configure(Map<String, ?> props) {
        AbstractConfig config = new AbstractConfig(CONFIG_DEF, props);
        fields = List.copyOf(config.getList(FIELDS));
        nameCase = config.getString(FIELD_NAME_CASE);
        ciFields = Set.copyOf(config.getList(CI_FIELDS));
        padFields = Set.copyOf(config.getList(PAD_FIELDS));
        binaryFields = parseBinaryFields(config.getList(BINARY_FIELDS));
        output = config.getString(OUTPUT);
        partitions = config.getInt(PARTITIONS);
        requireDistinct(FIELDS, fields);
        requireChosen(CI_FIELDS, ciFields);
        requireChosen(PAD_FIELDS, padFields);
        requireChosen(BINARY_FIELDS, binaryFields.keySet());
        for (String field : binaryFields.keySet()) {
            if (ciFields.contains(field) || padFields.contains(field)) {
                throw new ConfigException(
                        BINARY_FIELDS,
                        field,
                        "field '" + field + "' is binary and cannot also be in " + CI_FIELDS + " or " + PAD_FIELDS);
            }
        }
    }

    private static Map<String, Integer> parseBinaryFields(List<String> entries) {
        Map<String, Integer> map = new HashMap<>();
        for (String entry : entries) {
            int at = entry.lastIndexOf(':');
            String name = entry.substring(0, at).trim();
            String length = entry.substring(at + 1).trim();
            int n;
            try {
                n = Integer.parseInt(length);
            } catch (NumberFormatException e) {
                n = -1;
            }
            if (n < 1 || n > MAX_BINARY_LENGTH) {
                throw new ConfigException(
                        BINARY_FIELDS,
                        String.join(",", entries),
                        "entry '" + entry + "' needs a length from 1 to 255, as in BINARY(16): '" + name + ":16'");
            }
            map.put(name, n);
        }
        return Map.copyOf(map);
    }

    private static void requireDistinct(String key, List<String> names) {
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (!seen.add(name)) {
                throw new ConfigException(key, String.join(",", names), "field '" + name + "' is listed twice");
            }
        }
    }

    private void requireChosen(String key, Set<String> names) {
        for (String name : names) {
            if (!fields.isEmpty() && !fields.contains(name)) {
                throw new ConfigException(
                        key,
                        String.join(",", names),
                        "field '" + name + "' is not in " + FIELDS + " " + fields + "; add it there or remove it here");
            }
        }
    }

    @Override
    public R apply(R record) {
        RecordKind kind = RecordKinds.of(record);
        if ((kind != RecordKind.DATA_CHANGE && kind != RecordKind.TOMBSTONE) || record.key() == null) {
            return record;
        }
        String topic = record.topic();
        Normalized key = normalize(topic, "key", record.keySchema(), record.key());
        Integer partition = partitions > 0 ? Integer.valueOf(partitionOf(key.canonical())) : record.kafkaPartition();
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

    /** The output key and the canonical text it was derived from (null when neither output nor partition needs it). */
    record Normalized(SchemaAndValue key, String canonical) {}

    Normalized normalize(String topic, String part, Schema schema, Object key) {
        if (key instanceof Struct struct) {
            return normalizeStruct(topic, part, struct);
        }
        if (key instanceof Map<?, ?> map) {
            return normalizeMap(topic, part, schema, map);
        }
        throw new DataException("NormalizeKey needs a Struct or Map " + part + " on topic '" + topic + "', got a "
                + key.getClass().getSimpleName() + "; place NormalizeKey before transforms that flatten the key");
    }

    private Normalized normalizeStruct(String topic, String part, Struct key) {
        Plan plan = planFor(topic, part, key.schema());
        Object[] values = new Object[plan.inputs().length];
        for (int i = 0; i < values.length; i++) {
            values[i] = normalizeValue(
                    topic,
                    part,
                    plan.inputs()[i].name(),
                    key.get(plan.inputs()[i]),
                    plan.rules()[i],
                    plan.binaryLengths()[i]);
        }
        if (output.equals("struct")) {
            Struct struct = new Struct(plan.structSchema());
            for (int i = 0; i < values.length; i++) {
                struct.put(plan.structSchema().fields().get(i), values[i]);
            }
            String canonical = partitions > 0 ? canonical(topic, part, plan.names(), values) : null;
            return new Normalized(new SchemaAndValue(plan.structSchema(), struct), canonical);
        }
        String canonical = canonical(topic, part, plan.names(), values);
        return new Normalized(new SchemaAndValue(Schema.STRING_SCHEMA, textOutput(canonical)), canonical);
    }

    private Normalized normalizeMap(String topic, String part, Schema schema, Map<?, ?> key) {
        List<String> names = fields;
        if (names.isEmpty()) {
            names = new ArrayList<>();
            for (Object name : key.keySet()) {
                names.add(String.valueOf(name));
            }
            names.sort(null);
        }
        for (String name : ruleFields()) {
            if (!key.containsKey(name)) {
                throw missingField(topic, part, name, key.keySet().toString());
            }
        }
        String[] outputNames = new String[names.size()];
        Object[] values = new Object[names.size()];
        for (int i = 0; i < values.length; i++) {
            String name = names.get(i);
            if (!key.containsKey(name)) {
                throw missingField(topic, part, name, key.keySet().toString());
            }
            outputNames[i] = rename(name);
            values[i] = normalizeValue(topic, part, name, key.get(name), ruleFor(name), lengthFor(name));
        }
        requireDistinctNames(topic, part, outputNames);
        String canonical = canonical(topic, part, outputNames, values);
        if (output.equals("struct")) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (int i = 0; i < values.length; i++) {
                map.put(outputNames[i], values[i]);
            }
            return new Normalized(new SchemaAndValue(schema, map), canonical);
        }
        return new Normalized(
                new SchemaAndValue(schema == null ? null : Schema.STRING_SCHEMA, textOutput(canonical)), canonical);
    }

    private Plan planFor(String topic, String part, Schema schema) {
        if (schema == lastSchema) {
            return lastPlan;
        }
        Plan plan = plans.get(schema);
        if (plan == null) {
            plan = buildPlan(topic, part, schema);
            plans.put(schema, plan);
        }
        lastSchema = schema;
        lastPlan = plan;
        return plan;
    }

    private Plan buildPlan(String topic, String part, Schema schema) {
        List<Field> inputs = new ArrayList<>();
        if (fields.isEmpty()) {
            inputs.addAll(schema.fields());
        } else {
            for (String name : fields) {
                Field field = schema.field(name);
                if (field == null) {
                    throw missingField(
                            topic,
                            part,
                            name,
                            schema.fields().stream().map(Field::name).toList().toString());
                }
                inputs.add(field);
            }
        }
        for (String name : ruleFields()) {
            if (schema.field(name) == null) {
                throw missingField(
                        topic,
                        part,
                        name,
                        schema.fields().stream().map(Field::name).toList().toString());
            }
        }
        int n = inputs.size();
        String[] names = new String[n];
        Rule[] rules = new Rule[n];
        int[] lengths = new int[n];
        SchemaBuilder builder = SchemaBuilder.struct()
                .name(schema.name())
                .version(schema.version())
                .doc(schema.doc());
        for (int i = 0; i < n; i++) {
            Field field = inputs.get(i);
            names[i] = rename(field.name());
            rules[i] = ruleFor(field.name());
            lengths[i] = lengthFor(field.name());
            requireRuleFits(topic, part, field, rules[i]);
        }
        requireDistinctNames(topic, part, names);
        for (int i = 0; i < n; i++) {
            builder.field(names[i], inputs.get(i).schema());
        }
        return new Plan(inputs.toArray(new Field[0]), names, rules, lengths, builder.build());
    }

    private void requireRuleFits(String topic, String part, Field field, Rule rule) {
        Schema.Type type = field.schema().type();
        if ((rule == Rule.CASE_FOLD || rule == Rule.TRIM_PAD) && type != Schema.Type.STRING) {
            throw new DataException("NormalizeKey: " + part + " field '" + field.name() + "' on topic '" + topic
                    + "' is " + type + ", but " + (rule == Rule.CASE_FOLD ? CI_FIELDS : PAD_FIELDS)
                    + " applies to text; remove it there");
        }
        if (rule == Rule.BINARY_PAD && type != Schema.Type.BYTES) {
            throw new DataException("NormalizeKey: " + part + " field '" + field.name() + "' on topic '" + topic
                    + "' is " + type + ", but " + BINARY_FIELDS
                    + " needs bytes; set binary.handling.mode=bytes on the connector");
        }
    }

    private static void requireDistinctNames(String topic, String part, String[] names) {
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (!seen.add(name)) {
                throw new DataException("NormalizeKey: two " + part + " fields on topic '" + topic + "' become '" + name
                        + "' after " + FIELD_NAME_CASE + "; list only one of them in " + FIELDS);
            }
        }
    }

    private static DataException missingField(String topic, String part, String name, String present) {
        return new DataException("NormalizeKey: the " + part + " of a record on topic '" + topic + "' has no field '"
                + name + "' (it has " + present + "); fix " + FIELDS + ", " + CI_FIELDS + ", " + PAD_FIELDS + " or "
                + BINARY_FIELDS);
    }

    private Set<String> ruleFields() {
        Set<String> names = new HashSet<>(ciFields);
        names.addAll(padFields);
        names.addAll(binaryFields.keySet());
        return names;
    }

    private String rename(String name) {
        return switch (nameCase) {
            case "lower" -> name.toLowerCase(Locale.ROOT);
            case "upper" -> name.toUpperCase(Locale.ROOT);
            default -> name;
        };
    }

    private Rule ruleFor(String name) {
        if (ciFields.contains(name)) {
            return Rule.CASE_FOLD;
        }
        if (padFields.contains(name)) {
            return Rule.TRIM_PAD;
        }
        return binaryFields.containsKey(name) ? Rule.BINARY_PAD : Rule.AS_IS;
    }

    private int lengthFor(String name) {
        return binaryFields.getOrDefault(name, 0);
    }

    static Object normalizeValue(String topic, String part, String name, Object value, Rule rule, int length) {
        if (value == null || rule == Rule.AS_IS) {
            return value;
        }
        if (rule == Rule.BINARY_PAD) {
            return padBinary(topic, part, name, value, length);
        }
        if (!(value instanceof String text)) {
            throw new DataException("NormalizeKey: " + part + " field '" + name + "' on topic '" + topic + "' holds a "
                    + value.getClass().getSimpleName() + ", but " + (rule == Rule.CASE_FOLD ? CI_FIELDS : PAD_FIELDS)
                    + " applies to text; remove it there");
        }
        return rule == Rule.CASE_FOLD ? text.toLowerCase(Locale.ROOT) : stripTrailingSpaces(text);
    }

    private static String stripTrailingSpaces(String text) {
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == ' ') {
            end--;
        }
        return text.substring(0, end);
    }

    private static byte[] padBinary(String topic, String part, String name, Object value, int length) {
        byte[] bytes;
        if (value instanceof byte[] array) {
            bytes = array;
        } else if (value instanceof ByteBuffer buffer) {
            bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
        } else {
            throw new DataException("NormalizeKey: " + part + " field '" + name + "' on topic '" + topic + "' holds a "
                    + value.getClass().getSimpleName() + ", but " + BINARY_FIELDS + " needs bytes; set "
                    + "binary.handling.mode=bytes on the connector");
        }
        if (bytes.length > length) {
            throw new DataException("NormalizeKey: " + part + " field '" + name + "' on topic '" + topic + "' has "
                    + bytes.length + " bytes, more than BINARY(" + length + "); fix its length in " + BINARY_FIELDS);
        }
        byte[] padded = new byte[length];
        System.arraycopy(bytes, 0, padded, 0, bytes.length);
        return padded;
    }

    static String canonical(String topic, String part, String[] names, Object[] values) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                text.append(CANONICAL_SEPARATOR);
            }
            appendCanonical(text, topic, part, names[i], values[i]);
        }
        return text.toString();
    }

    private static void appendCanonical(StringBuilder text, String topic, String part, String name, Object value) {
        if (value == null) {
            text.append(CANONICAL_NULL);
        } else if (value instanceof String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '\\' || c == CANONICAL_SEPARATOR) {
                    text.append('\\');
                }
                text.append(c);
            }
        } else if (value instanceof byte[] bytes) {
            appendHex(text, bytes);
        } else if (value instanceof ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            appendHex(text, bytes);
        } else if (value instanceof BigDecimal decimal) {
            text.append(decimal.toPlainString());
        } else if (value instanceof Number || value instanceof Boolean) {
            text.append(value);
        } else if (value instanceof Date date) {
            text.append(date.getTime());
        } else {
            throw new DataException("NormalizeKey: " + part + " field '" + name + "' on topic '" + topic + "' holds a "
                    + value.getClass().getSimpleName()
                    + ", which has no canonical text form; choose flat key fields in "
                    + FIELDS);
        }
    }

    private static void appendHex(StringBuilder text, byte[] bytes) {
        for (byte b : bytes) {
            text.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
    }

    private String textOutput(String canonical) {
        return output.equals("hash") ? sha256Hex(canonical) : canonical;
    }

    static String sha256Hex(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder(digest.length * 2);
            appendHex(hex, digest);
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    private int partitionOf(String canonical) {
        return Utils.toPositive(Utils.murmur2(canonical.getBytes(StandardCharsets.UTF_8))) % partitions;
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
        plans.clear();
    }
}
