package dev.mskcdc.transforms.routing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.common.config.ConfigException;

/** TopicRouter's replacement template, compiled once against its regex into literal text and group references. */
final class TopicTemplate {

    private static final Pattern NAMED_GROUP = Pattern.compile("(?<!\\\\)\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");
    private static final Pattern TEMPLATE_REFERENCE = Pattern.compile("\\$\\{([^}]*)}|\\$(\\d+)|\\$");

    /** One piece of the template: its text for one regex match (a missing group gives ""). */
    private interface Part {
        String text(Matcher matcher);
    }

    private record Literal(String text) implements Part {
        @Override
        public String text(Matcher matcher) {
            return text;
        }
    }

    private record Numbered(int number) implements Part {
        @Override
        public String text(Matcher matcher) {
            return matcher.group(number);
        }
    }

    private record Named(String name) implements Part {
        @Override
        public String text(Matcher matcher) {
            return matcher.group(name);
        }
    }

    private final List<Part> parts;

    TopicTemplate(Pattern regex, Set<String> groups, String replacement) {
        List<Part> compiled = new ArrayList<>();
        int groupCount = regex.matcher("").groupCount();
        Matcher matcher = TEMPLATE_REFERENCE.matcher(replacement);
        int last = 0;
        StringBuilder literal = new StringBuilder();
        while (matcher.find()) {
            literal.append(replacement, last, matcher.start());
            last = matcher.end();
            if (matcher.group(1) != null) {
                String name = matcher.group(1);
                if (!groups.contains(name)) {
                    throw new ConfigException(
                            TopicRouter.REPLACEMENT,
                            replacement,
                            "refers to ${" + name + "}, but " + TopicRouter.REGEX + " has no group named '" + name
                                    + "'; its named groups are "
                                    + groups.stream().sorted().toList());
                }
                flush(compiled, literal);
                compiled.add(new Named(name));
            } else if (matcher.group(2) != null) {
                int number = Integer.parseInt(matcher.group(2));
                if (number > groupCount) {
                    throw new ConfigException(
                            TopicRouter.REPLACEMENT,
                            replacement,
                            "refers to $" + number + ", but " + TopicRouter.REGEX + " has only " + groupCount
                                    + " groups");
                }
                flush(compiled, literal);
                compiled.add(new Numbered(number));
            } else {
                throw new ConfigException(
                        TopicRouter.REPLACEMENT,
                        replacement,
                        "has a '$' at position " + matcher.start()
                                + " that is not ${name} or $<number> (topic names cannot contain '$')");
            }
        }
        literal.append(replacement.substring(last));
        flush(compiled, literal);
        parts = List.copyOf(compiled);
    }

    /** The names of the regex's named groups, (?<name>...), as Java's regex syntax allows them. */
    static Set<String> namedGroups(String regex) {
        Set<String> names = new HashSet<>();
        Matcher matcher = NAMED_GROUP.matcher(regex);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    private static void flush(List<Part> parts, StringBuilder literal) {
        if (!literal.isEmpty()) {
            parts.add(new Literal(literal.toString()));
            literal.setLength(0);
        }
    }

    /** The new topic name for a topic the regex matched. */
    String render(Matcher matcher) {
        StringBuilder topic = new StringBuilder();
        for (Part part : parts) {
            String text = part.text(matcher);
            topic.append(text == null ? "" : text);
        }
        return topic.toString();
    }
}
