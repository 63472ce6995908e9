package dev.mskcdc.transforms.keys;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

import dev.mskcdc.transforms.records.BoundedCache;

/**
 * Adds a text field holding the shard identifier to Struct and Map keys, so that rows with the same primary
 * key in merged shards keep distinct keys (TopicRouter's {@value #SETTING}).
 */
public final class ShardKey {

    public static final String SETTING = "shard.key.field";

    private static final int MAX_CACHED_SCHEMAS = 1_000;

    private final String field;
    private final BoundedCache<Schema, Schema> schemas;

    public ShardKey(String field) {
        this.field = field;
        this.schemas = new BoundedCache<>(MAX_CACHED_SCHEMAS, this::withField);
    }

    /** {@code key} with the field set to {@code shardId}; {@code topic} names the record in an error. */
    public SchemaAndValue add(String topic, Schema keySchema, Object key, String shardId) {
        if (key instanceof Struct struct) {
            Schema schema = schemas.get(struct.schema());
            if (schema == struct.schema()) {
                throw clash(topic);
            }
            Struct updated = new Struct(schema);
            for (Field input : struct.schema().fields()) {
                updated.put(input.name(), struct.get(input));
            }
            updated.put(field, shardId);
            return new SchemaAndValue(schema, updated);
        }
        if (key instanceof Map<?, ?> map) {
            if (map.containsKey(field)) {
                throw clash(topic);
            }
            Map<Object, Object> updated = new HashMap<>(map);
            updated.put(field, shardId);
            return new SchemaAndValue(keySchema, updated);
        }
        throw new DataException("TopicRouter cannot add " + SETTING + " '" + field + "' to the key of a record on "
                + "topic '" + topic + "': the key is "
                + (key == null
                        ? "null (a table without primary key)"
                        : "a " + key.getClass().getSimpleName())
                + ", not a Struct or Map; set message.key.columns on the connector or leave " + SETTING + " empty");
    }

    /** The key schema plus the field; a schema that already has the field maps to itself (a clash). */
    private Schema withField(Schema keySchema) {
        if (keySchema.field(field) != null) {
            return keySchema;
        }
        SchemaBuilder builder = SchemaBuilder.struct()
                .name(keySchema.name())
                .version(keySchema.version())
                .doc(keySchema.doc());
        for (Field input : keySchema.fields()) {
            builder.field(input.name(), input.schema());
        }
        return builder.field(field, Schema.STRING_SCHEMA).build();
    }

    private DataException clash(String topic) {
        return new DataException("The key of a record on topic '" + topic + "' already has a field '" + field
                + "'; choose another " + SETTING);
    }
}
