package dev.mskcdc.transforms.records;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * A dotted path into a change event value, such as {@code source.table} or {@code after.status}.
 * For Struct values the path is resolved to Field handles once per value schema (Debezium reuses
 * one schema instance per table), so a read is an array walk, not a name lookup per level.
 * Map values are read by name. Results follow {@link ChangeFields#get(Object, String[])}.
 */
public final class FieldPath {

    /** The path resolved against one schema; {@code missingAt} is the first level the schema lacks, or -1. */
    private record Resolved(Schema schema, Field[] fields, int missingAt) {}

    private final String[] names;
    private volatile Resolved resolved;

    public FieldPath(String... names) {
        this.names = names.clone();
    }

    public Object get(Object value) {
        if (!(value instanceof Struct struct)) {
            return ChangeFields.get(value, names);
        }
        Resolved current = resolved;
        if (current == null || current.schema() != struct.schema()) {
            current = resolve(struct.schema());
            resolved = current;
        }
        Object at = struct;
        Field[] fields = current.fields();
        for (int i = 0; i < fields.length; i++) {
            if (at == null) {
                return null;
            }
            if (!(at instanceof Struct level)) {
                return ChangeFields.MISSING;
            }
            at = level.get(fields[i]);
        }
        if (current.missingAt() >= 0) {
            return at == null ? null : ChangeFields.MISSING;
        }
        return at;
    }

    /** The value as text, or null when absent or not text. */
    public String string(Object value) {
        return get(value) instanceof String s ? s : null;
    }

    private Resolved resolve(Schema schema) {
        Field[] fields = new Field[names.length];
        Schema level = schema;
        for (int i = 0; i < names.length; i++) {
            Field field = level.type() == Schema.Type.STRUCT ? level.field(names[i]) : null;
            if (field == null) {
                Field[] prefix = new Field[i];
                System.arraycopy(fields, 0, prefix, 0, i);
                return new Resolved(schema, prefix, i);
            }
            fields[i] = field;
            level = field.schema();
        }
        return new Resolved(schema, fields, -1);
    }
}
