package dev.mskcdc.transforms;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** ConfigDef validators shared by the transforms; each error names the key and the fix. */
public final class ConfigValidators {

    private ConfigValidators() {}

    /** One of the constants of {@code type}, written in lower case (declaration order is the documented order). */
    public static <E extends Enum<E>> ConfigDef.Validator oneOf(Class<E> type) {
        return ConfigDef.ValidString.in(Arrays.stream(type.getEnumConstants())
                .map(constant -> constant.name().toLowerCase(Locale.ROOT))
                .toArray(String[]::new));
    }

    /** The constant a setting validated by {@link #oneOf(Class)} names, parsed once at configuration. */
    public static <E extends Enum<E>> E constant(Class<E> type, String value) {
        return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    }

    /** A Java regular expression that compiles. */
    public static ConfigDef.Validator regex() {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                try {
                    Pattern.compile((String) value);
                } catch (PatternSyntaxException e) {
                    throw new ConfigException(
                            name, value, "not a valid Java regular expression: " + e.getDescription());
                }
            }

            @Override
            public String toString() {
                return "a Java regular expression";
            }
        };
    }

    /** One entry of a list validated by {@link #pairs}: split at the last separator, both sides trimmed. */
    public record Pair(String entry, String left, String right) {

        public static Pair of(String entry, char separator) {
            int at = entry.lastIndexOf(separator);
            return new Pair(
                    entry,
                    entry.substring(0, at).trim(),
                    entry.substring(at + 1).trim());
        }
    }

    /** A list whose entries look like {@code left<separator>right}, both sides non-empty. */
    public static ConfigDef.Validator pairs(char separator, String shape) {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                @SuppressWarnings("unchecked")
                List<String> entries = (List<String>) value;
                for (String entry : entries) {
                    int at = entry.lastIndexOf(separator);
                    if (at <= 0 || at == entry.length() - 1) {
                        throw new ConfigException(name, value, "entry '" + entry + "' is not of the form " + shape);
                    }
                }
            }

            @Override
            public String toString() {
                return "list of " + shape;
            }
        };
    }

    /** A list without empty entries (a trailing comma is a typo, not a glob matching nothing). */
    public static ConfigDef.Validator nonEmptyEntries() {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                @SuppressWarnings("unchecked")
                List<String> entries = (List<String>) value;
                if (entries.stream().anyMatch(String::isBlank)) {
                    throw new ConfigException(name, value, "empty entry; remove the stray comma");
                }
            }

            @Override
            public String toString() {
                return "comma-separated list";
            }
        };
    }
}
