package dev.mskcdc.localstack.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a test or the CLI asks of one connector: its name, {@code topic.prefix}, {@code database.include.list} and
 * {@code table.include.list}, plus settings that replace (or, with a {@code null} value, remove) the reference
 * configuration's. Pure data: rendering it ({@link ConnectorConfigRenderer}) touches nothing.
 */
public record ConnectorSpec(
        String name,
        String topicPrefix,
        String databaseIncludeList,
        String tableIncludeList,
        Map<String, String> overrides) {

    public ConnectorSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(topicPrefix, "topicPrefix");
        Objects.requireNonNull(databaseIncludeList, "databaseIncludeList");
        Objects.requireNonNull(tableIncludeList, "tableIncludeList");
        overrides = Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
    }

    public static ConnectorSpec of(
            String name, String topicPrefix, String databaseIncludeList, String tableIncludeList) {
        return new ConnectorSpec(name, topicPrefix, databaseIncludeList, tableIncludeList, Map.of());
    }

    /** This spec with {@code key} set to {@code value} on top of the reference configuration. */
    public ConnectorSpec with(String key, String value) {
        Map<String, String> more = new LinkedHashMap<>(overrides);
        more.put(key, Objects.requireNonNull(value, key));
        return new ConnectorSpec(name, topicPrefix, databaseIncludeList, tableIncludeList, more);
    }

    /** This spec with every entry of {@code settings} set on top of the reference configuration. */
    public ConnectorSpec with(Map<String, String> settings) {
        Map<String, String> more = new LinkedHashMap<>(overrides);
        more.putAll(settings);
        return new ConnectorSpec(name, topicPrefix, databaseIncludeList, tableIncludeList, more);
    }

    /** This spec without {@code key}: the rendered configuration does not have it. */
    public ConnectorSpec without(String key) {
        Map<String, String> fewer = new LinkedHashMap<>(overrides);
        fewer.put(key, null);
        return new ConnectorSpec(name, topicPrefix, databaseIncludeList, tableIncludeList, fewer);
    }
}
