package dev.mskcdc.configproviders.secretsmanager;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.apache.kafka.common.config.ConfigException;

/**
 * Key lookup in a JSON secret. Jackson's parse errors quote the offending token, which would be part of the
 * secret, so only the error's line and column are ever reported and the exception is dropped.
 */
final class SecretJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private SecretJson() {}

    static JsonNode parseObject(String text, String describe) {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String position =
                    at == null ? "" : " (syntax error at line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            throw notAnObject(describe, "is not valid JSON" + position);
        }
        if (root == null || !root.isObject()) {
            throw notAnObject(describe, "is JSON but not an object");
        }
        return root;
    }

    private static ConfigException notAnObject(String describe, String problem) {
        return new ConfigException("The value of " + describe + " " + problem + ", so a key cannot be looked up in it. "
                + "Store the secret as a JSON object such as {\"username\":\"...\",\"password\":\"...\"}, or reference "
                + "the whole secret without a key: ${secretsmanager:<secret>}.");
    }

    /**
     * The value at {@code key}: a top-level field of that exact name, else a dotted path into nested objects
     * (numeric segments index arrays). Strings are returned as-is, other JSON values as JSON text.
     */
    static String lookup(JsonNode root, String key, String describe) {
        JsonNode exact = root.get(key);
        JsonNode found = exact != null ? exact : walk(root, key, describe);
        if (found.isNull()) {
            throw new ConfigException("Key '" + key + "' of " + describe + " is null. Store a value for it.");
        }
        return found.isValueNode() ? found.asText() : found.toString();
    }

    private static JsonNode walk(JsonNode root, String key, String describe) {
        JsonNode node = root;
        List<String> walked = new ArrayList<>();
        for (String segment : key.split("\\.", -1)) {
            JsonNode next =
                    node.isArray() && segment.matches("\\d+") ? node.get(Integer.parseInt(segment)) : node.get(segment);
            if (next == null) {
                throw missingKey(node, key, walked, describe);
            }
            walked.add(segment);
            node = next;
        }
        return node;
    }

    private static ConfigException missingKey(JsonNode node, String key, List<String> walked, String describe) {
        String level = walked.isEmpty() ? "" : " under '" + String.join(".", walked) + "'";
        String available;
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            available = names.isEmpty() ? "none" : String.join(", ", names);
        } else if (node.isArray()) {
            available = "array indexes 0.." + (node.size() - 1);
        } else {
            available = "none (it is a " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
                    + ", not an object)";
        }
        return new ConfigException(describe + " has no key '" + key + "'. Keys available" + level + ": " + available
                + ". Fix the key in the reference ${secretsmanager:<secret>:<key>} (nested keys are written a.b.c).");
    }

    /** The top-level fields as strings, for {@code get(path)}. */
    static Map<String, String> topLevel(JsonNode root, String describe) {
        Map<String, String> values = new LinkedHashMap<>();
        Iterator<String> names = root.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            JsonNode value = root.get(name);
            if (!value.isNull()) {
                values.put(name, lookup(root, name, describe));
            }
        }
        return values;
    }
}
