package dev.mskcdc.transforms.keys;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

/**
 * How NormalizeKey reads one key: the chosen input fields, their output names and value rules, and for a
 * Struct key the output schema. A Struct key's plan depends on its schema only and is cached per schema;
 * a schemaless (Map) key gets a plan per record.
 */
final class KeyPlan {

    private final String[] inputs;
    /** The inputs as Field handles of the key schema; null for a Map key. */
    private final Field[] structInputs;

    private final String[] names;
    private final ValueRule[] rules;
    private final int[] lengths;
    /** The output Struct schema; null for a Map key. */
    private final Schema structSchema;

    private KeyPlan(List<String> inputs, Field[] structInputs, KeyRules settings, Schema inputSchema) {
        int n = inputs.size();
        this.inputs = inputs.toArray(new String[0]);
        this.structInputs = structInputs;
        names = new String[n];
        rules = new ValueRule[n];
        lengths = new int[n];
        for (int i = 0; i < n; i++) {
            names[i] = settings.outputName(this.inputs[i]);
            rules[i] = settings.rule(this.inputs[i]);
            lengths[i] = settings.length(this.inputs[i]);
            if (structInputs != null) {
                rules[i].requireFits(this.inputs[i], structInputs[i].schema().type());
            }
        }
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (!seen.add(name)) {
                throw KeyProblem.sameOutputName(name);
            }
        }
        structSchema = inputSchema == null ? null : outputSchema(inputSchema);
    }

    static KeyPlan forSchema(Schema schema, KeyRules settings) {
        List<String> present = schema.fields().stream().map(Field::name).toList();
        List<String> chosen = settings.select(present, present);
        Field[] fields = new Field[chosen.size()];
        for (int i = 0; i < fields.length; i++) {
            fields[i] = schema.field(chosen.get(i));
        }
        return new KeyPlan(chosen, fields, settings, schema);
    }

    static KeyPlan forMap(Map<?, ?> key, KeyRules settings) {
        List<String> sorted = new ArrayList<>();
        for (Object name : key.keySet()) {
            sorted.add(String.valueOf(name));
        }
        sorted.sort(null);
        return new KeyPlan(settings.select(sorted, key.keySet()), null, settings, null);
    }

    private Schema outputSchema(Schema inputSchema) {
        SchemaBuilder builder = SchemaBuilder.struct()
                .name(inputSchema.name())
                .version(inputSchema.version())
                .doc(inputSchema.doc());
        for (int i = 0; i < names.length; i++) {
            builder.field(names[i], structInputs[i].schema());
        }
        return builder.build();
    }

    String[] names() {
        return names;
    }

    Schema structSchema() {
        return structSchema;
    }

    /** The chosen values of {@code key} (a Struct of this plan's schema, or a Map), normalized. */
    Object[] values(Object key) {
        Object[] values = new Object[inputs.length];
        for (int i = 0; i < values.length; i++) {
            Object value =
                    structInputs != null ? ((Struct) key).get(structInputs[i]) : ((Map<?, ?>) key).get(inputs[i]);
            values[i] = rules[i].apply(inputs[i], value, lengths[i]);
        }
        return values;
    }

    /** The values as a Struct of the output schema (Struct keys) or a Map in output order (Map keys). */
    Object output(Object[] values) {
        if (structSchema != null) {
            Struct struct = new Struct(structSchema);
            List<Field> fields = structSchema.fields();
            for (int i = 0; i < values.length; i++) {
                struct.put(fields.get(i), values[i]);
            }
            return struct;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            map.put(names[i], values[i]);
        }
        return map;
    }
}
