package dev.mskcdc.connector.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * Reads a `--cli-input-json` request into the AWS SDK v2 model object, strictly: a member the model
 * does not know, a value of the wrong JSON type, or a missing required member is an error naming its
 * JSON path. The SDK's own unmarshallers are internal and lenient (they skip unknown members), which
 * is exactly what must not happen to a template with a typo in it.
 */
final class SdkModelJsonReader {

    private final Map<String, Set<String>> requiredMembers;
    private final List<String> problems = new ArrayList<>();

    private SdkModelJsonReader(Map<String, Set<String>> requiredMembers) {
        this.requiredMembers = requiredMembers;
    }

    static Map<String, Set<String>> loadRequiredMembers(Path file) {
        Map<String, Set<String>> required = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                int colon = trimmed.indexOf(':');
                required.put(
                        trimmed.substring(0, colon).strip(),
                        new TreeSet<>(
                                List.of(trimmed.substring(colon + 1).strip().split("\\s+"))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return required;
    }

    /** The built request, or an AssertionError listing every problem found. */
    static <T> T read(String json, Supplier<? extends SdkBuilder<?, T>> builder, Map<String, Set<String>> required) {
        SdkModelJsonReader reader = new SdkModelJsonReader(required);
        SdkBuilder<?, T> root = builder.get();
        reader.fill((SdkPojo) root, JsonNode.parser().parse(json), "$");
        if (!reader.problems.isEmpty()) {
            throw new AssertionError(
                    "request JSON does not match the SDK model:\n  " + String.join("\n  ", reader.problems));
        }
        return root.build();
    }

    private void fill(SdkPojo builder, JsonNode json, String path) {
        if (!json.isObject()) {
            problems.add(path + ": expected a JSON object");
            return;
        }
        Map<String, SdkField<?>> fields = new LinkedHashMap<>();
        for (SdkField<?> field : builder.sdkFields()) {
            fields.put(field.locationName(), field);
        }
        json.asObject().forEach((name, value) -> {
            SdkField<?> field = fields.get(name);
            if (field == null) {
                problems.add(path + "." + name + ": unknown member (known: " + fields.keySet() + ")");
            } else {
                field.set(builder, convert(field, value, path + "." + name));
            }
        });
        String modelClass = modelClassName(builder);
        for (String member : requiredMembers.getOrDefault(modelClass, Set.of())) {
            if (!fields.containsKey(member)) {
                problems.add(modelClass + " has no member '" + member + "' (required-members.txt is stale)");
            } else if (!json.asObject().containsKey(member)
                    || json.asObject().get(member).isNull()) {
                problems.add(path + "." + member + ": required by the API but missing");
            }
        }
    }

    private Object convert(SdkField<?> field, JsonNode value, String path) {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.STRING) {
            return value.isString() ? value.asString() : typeProblem(path, "a string", value);
        }
        if (type == MarshallingType.INTEGER) {
            return value.isNumber() ? Integer.valueOf(value.asNumber()) : typeProblem(path, "an integer", value);
        }
        if (type == MarshallingType.LONG) {
            return value.isNumber() ? Long.valueOf(value.asNumber()) : typeProblem(path, "an integer", value);
        }
        if (type == MarshallingType.DOUBLE) {
            return value.isNumber() ? Double.valueOf(value.asNumber()) : typeProblem(path, "a number", value);
        }
        if (type == MarshallingType.BOOLEAN) {
            return value.isBoolean() ? value.asBoolean() : typeProblem(path, "a boolean", value);
        }
        if (type == MarshallingType.SDK_POJO) {
            SdkPojo nested = field.constructor().get();
            fill(nested, value, path);
            return ((SdkBuilder<?, ?>) nested).build();
        }
        if (type == MarshallingType.LIST) {
            if (!value.isArray()) {
                return typeProblem(path, "an array", value);
            }
            SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < value.asArray().size(); i++) {
                list.add(convert(member, value.asArray().get(i), path + "[" + i + "]"));
            }
            return list;
        }
        if (type == MarshallingType.MAP) {
            if (!value.isObject()) {
                return typeProblem(path, "an object", value);
            }
            SdkField<?> member = field.getTrait(MapTrait.class).valueFieldInfo();
            Map<String, Object> map = new LinkedHashMap<>();
            value.asObject().forEach((key, entry) -> map.put(key, convert(member, entry, path + "." + key)));
            return map;
        }
        problems.add(path + ": member type " + type + " is not supported by this reader");
        return null;
    }

    private Object typeProblem(String path, String expected, JsonNode actual) {
        problems.add(path + ": expected " + expected + ", found " + actual);
        return null;
    }

    /** "CreateConnectorRequest" for CreateConnectorRequest.BuilderImpl. */
    private static String modelClassName(SdkPojo builder) {
        Class<?> type = builder.getClass();
        return type.getEnclosingClass() != null ? type.getEnclosingClass().getSimpleName() : type.getSimpleName();
    }
}
