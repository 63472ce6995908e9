package dev.mskcdc.localstack.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.mskcdc.localstack.process.LocalStackException;

/**
 * The reference configurations shipped in the plugin's {@code etc/}: properties files with
 * {@code {{NAME}}} placeholders, and overlays on top of them where an entry with an empty value
 * removes the key. Connect's own {@code ${provider:path:key}} references are left as they are.
 */
public final class ConfigTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Z0-9_]+)}}");

    private ConfigTemplate() {}

    /** Reads {@code template} and fills every placeholder; fails naming any placeholder without a value. */
    public static Map<String, String> render(Path template, Map<String, String> variables) {
        Map<String, String> rendered = new LinkedHashMap<>();
        Set<String> missing = new TreeSet<>();
        read(template).forEach((key, value) -> rendered.put(key, fill(value, variables, missing)));
        if (!missing.isEmpty()) {
            throw new LocalStackException(template + " has placeholders with no value: " + missing
                    + ". Supply them, or remove them from the file.");
        }
        return rendered;
    }

    /** {@code base} with {@code overlay}'s entries applied: empty values remove keys, others replace them. */
    public static Map<String, String> overlay(Map<String, String> base, Path overlay, Map<String, String> variables) {
        Map<String, String> result = new LinkedHashMap<>(base);
        render(overlay, variables).forEach((key, value) -> {
            if (value.isEmpty()) {
                result.remove(key);
            } else {
                result.put(key, value);
            }
        });
        return result;
    }

    private static String fill(String value, Map<String, String> variables, Set<String> missing) {
        Matcher matcher = PLACEHOLDER.matcher(value);
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            String replacement = variables.get(matcher.group(1));
            if (replacement == null) {
                missing.add(matcher.group(1));
                replacement = matcher.group();
            }
            matcher.appendReplacement(filled, Matcher.quoteReplacement(replacement));
        }
        return matcher.appendTail(filled).toString();
    }

    private static Map<String, String> read(Path file) {
        Map<String, String> entries = new LinkedHashMap<>();
        Properties inOrder = new Properties() {
            @Override
            public synchronized Object put(Object key, Object value) {
                entries.put((String) key, (String) value);
                return super.put(key, value);
            }
        };
        try (Reader reader = Files.newBufferedReader(file)) {
            inOrder.load(reader);
        } catch (IOException e) {
            throw new LocalStackException("Cannot read configuration " + file + ": " + e.getMessage(), e);
        }
        return entries;
    }

    /** Writes a configuration as a properties file (for the worker's command line). */
    public static void write(Map<String, String> config, Path file) {
        Properties properties = new Properties();
        properties.putAll(config);
        try (var out = Files.newBufferedWriter(file)) {
            properties.store(out, "Rendered by the local stack");
        } catch (IOException e) {
            throw new LocalStackException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
