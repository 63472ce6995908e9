package dev.mskcdc.transforms.routing;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.errors.DataException;

import dev.mskcdc.transforms.ConfigValidators;
import dev.mskcdc.transforms.ConfigValidators.Pair;
import dev.mskcdc.transforms.records.LetterCase;

/**
 * Decides where a source topic goes: the regex reads its parts, an explicit lookup entry wins over the
 * template, then prefix stripping, case folding and the legal-name check apply to templated names.
 */
final class TopicRoutes {

    /** Where one source topic goes; {@code shardId} is null when the topic had no shard group. */
    record Route(String topic, String shardId) {}

    private static final int MAX_TOPIC_LENGTH = 249;
    private static final Pattern LEGAL_TOPIC = Pattern.compile("[a-zA-Z0-9._-]+");

    private final Pattern regex;
    private final Set<String> groups;
    private final TopicTemplate template;
    private final Map<String, String> lookup;
    private final LetterCase topicCase;
    private final boolean stripPrefix;
    /**
     * Folded name -> the templated name first folded into it. Not a cache: forgetting an entry would let two
     * tables merge silently. It holds one entry per routed table.
     */
    private final Map<String, String> foldedFrom = new HashMap<>();

    TopicRoutes(AbstractConfig config) {
        String regexText = config.getString(TopicRouter.REGEX);
        regex = Pattern.compile(regexText);
        groups = TopicTemplate.namedGroups(regexText);
        template = new TopicTemplate(regex, groups, config.getString(TopicRouter.REPLACEMENT));
        List<String> lookupEntries = config.getList(TopicRouter.LOOKUP);
        lookup = parseLookup(lookupEntries);
        topicCase = ConfigValidators.constant(LetterCase.class, config.getString(TopicRouter.TOPIC_CASE));
        stripPrefix = config.getBoolean(TopicRouter.PREFIX_STRIP);
        String shardKeyField = config.getString(TopicRouter.SHARD_KEY_FIELD).trim();
        requireGroup(TopicRouter.PREFIX_STRIP, stripPrefix, "true", "prefix");
        requireGroup(TopicRouter.SHARD_KEY_FIELD, !shardKeyField.isEmpty(), shardKeyField, "shard");
        requireGroup(TopicRouter.LOOKUP, !lookup.isEmpty(), String.join(",", lookupEntries), "db");
        requireGroup(TopicRouter.LOOKUP, !lookup.isEmpty(), String.join(",", lookupEntries), "table");
    }

    private void requireGroup(String key, boolean used, String value, String group) {
        if (used && !groups.contains(group)) {
            throw new ConfigException(
                    key,
                    value,
                    "needs a named group '" + group + "' in " + TopicRouter.REGEX + ", e.g. (?<" + group + ">...)");
        }
    }

    private static Map<String, String> parseLookup(List<String> entries) {
        Map<String, String> map = new HashMap<>();
        for (String entry : entries) {
            Pair pair = Pair.of(entry, ':');
            String table = pair.left();
            String topic = pair.right();
            if (!isLegalTopic(topic)) {
                throw new ConfigException(
                        TopicRouter.LOOKUP,
                        String.join(",", entries),
                        "entry '" + entry + "' routes to '" + topic
                                + "', which is not a legal Kafka topic name (letters, digits, '.', '_', '-'; at most 249)");
            }
            if (map.put(table, topic) != null) {
                throw new ConfigException(
                        TopicRouter.LOOKUP, String.join(",", entries), "table '" + table + "' is listed twice");
            }
        }
        return Map.copyOf(map);
    }

    Route decide(String topic) {
        Matcher matcher = regex.matcher(topic);
        if (!matcher.matches()) {
            return new Route(topic, null);
        }
        String shard = groups.contains("shard") ? matcher.group("shard") : null;
        if (!lookup.isEmpty()) {
            String explicit = lookup.get(matcher.group("db") + "." + matcher.group("table"));
            if (explicit != null) {
                return new Route(explicit, shard);
            }
        }
        String target = template.render(matcher);
        if (stripPrefix) {
            String prefix = matcher.group("prefix") + ".";
            if (prefix.length() > 1 && target.startsWith(prefix)) {
                target = target.substring(prefix.length());
            }
        }
        target = fold(topic, target);
        if (!isLegalTopic(target)) {
            throw new DataException("TopicRouter routes topic '" + topic + "' to '" + target
                    + "', which is not a legal "
                    + "Kafka topic name (letters, digits, '.', '_', '-'; 1 to 249 characters); fix "
                    + TopicRouter.REPLACEMENT + " or add a " + TopicRouter.LOOKUP + " entry for this table");
        }
        return new Route(target, shard);
    }

    private String fold(String source, String target) {
        if (topicCase == LetterCase.NONE) {
            return target;
        }
        String folded = topicCase.apply(target);
        String previous = foldedFrom.putIfAbsent(folded, target);
        if (previous != null && !previous.equals(target)) {
            throw new DataException("TopicRouter with " + TopicRouter.TOPIC_CASE + "="
                    + topicCase.name().toLowerCase(Locale.ROOT) + " would send topic '" + source
                    + "' (routed to '" + target + "') and the table routed to '" + previous + "' both to '" + folded
                    + "'; these are different tables: add a " + TopicRouter.LOOKUP + " entry for one of them or set "
                    + TopicRouter.TOPIC_CASE + "=none");
        }
        return folded;
    }

    private static boolean isLegalTopic(String topic) {
        return topic.length() <= MAX_TOPIC_LENGTH
                && LEGAL_TOPIC.matcher(topic).matches()
                && !topic.equals(".")
                && !topic.equals("..");
    }
}
