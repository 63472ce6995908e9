package dev.mskcdc.transforms.records;

import java.util.Map;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;

/** Reads named parts of a change event, the same way for Struct and schemaless Map values. */
public final class ChangeFields {

    /** Returned when a container has no entry of that name (distinct from a present null). */
    public static final Object MISSING = new Object() {
        @Override
        public String toString() {
            return "<missing>";
        }
    };

    private ChangeFields() {}

    /** The entry {@code name} of a Struct or Map, null for a null container, else {@link #MISSING}. */
    public static Object get(Object container, String name) {
        if (container == null) {
            return null;
        }
        if (container instanceof Struct struct) {
            Field field = struct.schema().field(name);
            return field == null ? MISSING : struct.get(field);
        }
        if (container instanceof Map<?, ?> map) {
            Object value = map.get(name);
            return value != null || map.containsKey(name) ? value : MISSING;
        }
        return MISSING;
    }

    /** Follows a dotted path that was split once at configuration time. */
    public static Object get(Object container, String[] path) {
        Object current = container;
        for (String name : path) {
            current = get(current, name);
            if (current == null || current == MISSING) {
                return current;
            }
        }
        return current;
    }
}
