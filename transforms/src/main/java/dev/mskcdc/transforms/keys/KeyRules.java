package dev.mskcdc.transforms.keys;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigException;

import dev.mskcdc.transforms.ConfigValidators;
import dev.mskcdc.transforms.ConfigValidators.Pair;
import dev.mskcdc.transforms.records.LetterCase;

/** NormalizeKey's column settings, validated once: the chosen fields, the name case and each column's rule. */
final class KeyRules {

    private static final int MAX_BINARY_LENGTH = 255;

    private final List<String> fields;
    private final LetterCase nameCase;
    /** Columns with a rule other than AS_IS; a column in ci.fields and pad.fields is case-folded only. */
    private final Map<String, ValueRule> rules = new LinkedHashMap<>();

    private final Map<String, Integer> binaryLengths;

    KeyRules(AbstractConfig config) {
        fields = List.copyOf(config.getList(NormalizeKey.FIELDS));
        nameCase = ConfigValidators.constant(LetterCase.class, config.getString(NormalizeKey.FIELD_NAME_CASE));
        List<String> ciFields = config.getList(NormalizeKey.CI_FIELDS);
        List<String> padFields = config.getList(NormalizeKey.PAD_FIELDS);
        binaryLengths = binaryLengths(config.getList(NormalizeKey.BINARY_FIELDS));
        requireDistinct(NormalizeKey.FIELDS, fields);
        requireChosen(NormalizeKey.CI_FIELDS, ciFields);
        requireChosen(NormalizeKey.PAD_FIELDS, padFields);
        requireChosen(NormalizeKey.BINARY_FIELDS, binaryLengths.keySet());
        for (String field : binaryLengths.keySet()) {
            if (ciFields.contains(field) || padFields.contains(field)) {
                throw new ConfigException(
                        NormalizeKey.BINARY_FIELDS,
                        field,
                        "field '" + field + "' is binary and cannot also be in " + NormalizeKey.CI_FIELDS + " or "
                                + NormalizeKey.PAD_FIELDS);
            }
        }
        ciFields.forEach(name -> rules.putIfAbsent(name, ValueRule.CASE_FOLD));
        padFields.forEach(name -> rules.putIfAbsent(name, ValueRule.TRIM_PAD));
        binaryLengths.keySet().forEach(name -> rules.put(name, ValueRule.BINARY_PAD));
    }

    private static Map<String, Integer> binaryLengths(List<String> entries) {
        Map<String, Integer> map = new LinkedHashMap<>();
        for (String entry : entries) {
            Pair pair = Pair.of(entry, ':');
            int n;
            try {
                n = Integer.parseInt(pair.right());
            } catch (NumberFormatException e) {
                n = -1;
            }
            if (n < 1 || n > MAX_BINARY_LENGTH) {
                throw new ConfigException(
                        NormalizeKey.BINARY_FIELDS,
                        String.join(",", entries),
                        "entry '" + entry + "' needs a length from 1 to 255, as in BINARY(16): '" + pair.left()
                                + ":16'");
            }
            map.put(pair.left(), n);
        }
        return map;
    }

    private static void requireDistinct(String key, List<String> names) {
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (!seen.add(name)) {
                throw new ConfigException(key, String.join(",", names), "field '" + name + "' is listed twice");
            }
        }
    }

    private void requireChosen(String key, Collection<String> names) {
        for (String name : names) {
            if (!fields.isEmpty() && !fields.contains(name)) {
                throw new ConfigException(
                        key,
                        String.join(",", names),
                        "field '" + name + "' is not in " + NormalizeKey.FIELDS + " " + fields
                                + "; add it there or remove it here");
            }
        }
    }

    /**
     * The fields to read, in output order: the configured ones, else {@code defaultOrder}. Each of them, and
     * each column with a rule, must be in {@code present}.
     */
    List<String> select(List<String> defaultOrder, Collection<?> present) {
        List<String> chosen = fields.isEmpty() ? defaultOrder : fields;
        for (String name : chosen) {
            requirePresent(name, present);
        }
        for (String name : rules.keySet()) {
            requirePresent(name, present);
        }
        return chosen;
    }

    private static void requirePresent(String name, Collection<?> present) {
        if (!present.contains(name)) {
            throw KeyProblem.missingField(name, present);
        }
    }

    String outputName(String name) {
        return nameCase.apply(name);
    }

    ValueRule rule(String name) {
        return rules.getOrDefault(name, ValueRule.AS_IS);
    }

    /** The BINARY(n) length of a BINARY_PAD column, else 0. */
    int length(String name) {
        return binaryLengths.getOrDefault(name, 0);
    }
}
