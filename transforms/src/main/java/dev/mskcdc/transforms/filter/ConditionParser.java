package dev.mskcdc.transforms.filter;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.apache.kafka.common.config.ConfigException;

import dev.mskcdc.transforms.records.FieldPath;

/**
 * Recursive-descent parser for the condition language (grammar in {@link #GRAMMAR_DOC}).
 * Errors are {@link ConfigException}s naming the setting, the position and what was expected.
 */
public final class ConditionParser {

    public static final String GRAMMAR_DOC = "Condition language: comparisons (=, !=, <>, <, <=, >, >=) between fields "
            + "and literals, 'is null' / 'is not null', '[not] in (lit, ...)', '[not] like' with SQL wildcards % and _, "
            + "'[not] matches' with a Java regex (both match the whole text), combined with and, or, not and parentheses. "
            + "Fields: op, ts_ms, ts_us, ts_ns, source.<name>, before.<column>, after.<column>, transaction.<name>. "
            + "Literals: 'text' (double a quote to escape it), numbers (42, -1.5), true, false. Keywords are case-insensitive. "
            + "A comparison with a null value is false; test nulls with 'is null'. "
            + "Example: op = 'u' and after.status != before.status and source.table like 'orders%'";

    private static final Set<String> ROOTS =
            Set.of("op", "ts_ms", "ts_us", "ts_ns", "source", "before", "after", "transaction");
    private static final Set<String> LEAF_ROOTS = Set.of("op", "ts_ms", "ts_us", "ts_ns");

    private final String setting;
    private final String text;
    private final MissingFieldPolicy missing;
    private int pos;

    private ConditionParser(String setting, String text, MissingFieldPolicy missing) {
        this.setting = setting;
        this.text = text;
        this.missing = missing;
    }

    /** Parses {@code text}, the value of {@code setting}; blank text means "always true". */
    public static Condition parse(String setting, String text, MissingFieldPolicy missing) {
        if (text == null || text.isBlank()) {
            return Condition.TRUE;
        }
        ConditionParser parser = new ConditionParser(setting, text, missing);
        Condition condition = parser.parseOr();
        parser.skipSpaces();
        if (parser.pos < text.length()) {
            throw parser.error("expected 'and', 'or' or the end of the condition");
        }
        return condition;
    }

    private Condition parseOr() {
        List<Condition> parts = new ArrayList<>();
        parts.add(parseAnd());
        while (acceptKeyword("or")) {
            parts.add(parseAnd());
        }
        return parts.size() == 1 ? parts.get(0) : new Condition.Or(List.copyOf(parts));
    }

    private Condition parseAnd() {
        List<Condition> parts = new ArrayList<>();
        parts.add(parseNot());
        while (acceptKeyword("and")) {
            parts.add(parseNot());
        }
        return parts.size() == 1 ? parts.get(0) : new Condition.And(List.copyOf(parts));
    }

    private Condition parseNot() {
        if (acceptKeyword("not")) {
            return new Condition.Not(parseNot());
        }
        if (accept("(")) {
            Condition inner = parseOr();
            expect(")");
            return inner;
        }
        return parsePredicate();
    }

    private Condition parsePredicate() {
        Condition.Operand left = parseOperand();
        if (acceptKeyword("is")) {
            boolean negated = acceptKeyword("not");
            expectKeyword("null");
            return new Condition.IsNull(left, negated);
        }
        boolean negated = acceptKeyword("not");
        if (acceptKeyword("in")) {
            return new Condition.In(left, parseLiteralList(), negated);
        }
        if (acceptKeyword("like")) {
            return new Condition.Matches(left, likePattern(parseStringLiteral("like")), negated);
        }
        if (acceptKeyword("matches")) {
            return new Condition.Matches(left, regexPattern(parseStringLiteral("matches")), negated);
        }
        if (negated) {
            throw error("expected 'in', 'like' or 'matches' after 'not'");
        }
        Condition.Comparator comparator = parseComparator();
        return new Condition.Compare(left, comparator, parseOperand());
    }

    private Condition.Comparator parseComparator() {
        skipSpaces();
        String[] symbols = {"==", "!=", "<>", "<=", ">=", "=", "<", ">"};
        Condition.Comparator[] comparators = {
            Condition.Comparator.EQ,
            Condition.Comparator.NE,
            Condition.Comparator.NE,
            Condition.Comparator.LE,
            Condition.Comparator.GE,
            Condition.Comparator.EQ,
            Condition.Comparator.LT,
            Condition.Comparator.GT
        };
        for (int i = 0; i < symbols.length; i++) {
            if (text.startsWith(symbols[i], pos)) {
                pos += symbols[i].length();
                return comparators[i];
            }
        }
        throw error("expected a comparison (=, !=, <, <=, >, >=), 'is [not] null', 'in', 'like' or 'matches'");
    }

    private List<Object> parseLiteralList() {
        expect("(");
        List<Object> values = new ArrayList<>();
        do {
            skipSpaces();
            Condition.Operand operand = parseOperand();
            if (!(operand instanceof Condition.Literal literal) || literal.value() == null) {
                throw error("expected a literal in the 'in' list");
            }
            values.add(literal.value());
        } while (accept(","));
        expect(")");
        return List.copyOf(values);
    }

    private Condition.Operand parseOperand() {
        skipSpaces();
        if (pos >= text.length()) {
            throw error("expected a field or a literal but the condition ended");
        }
        char c = text.charAt(pos);
        if (c == '\'') {
            return new Condition.Literal(readString());
        }
        if (c == '-' || Character.isDigit(c)) {
            return new Condition.Literal(readNumber());
        }
        if (isIdentifierStart(c)) {
            int start = pos;
            String path = readPath();
            String lower = path.toLowerCase(Locale.ROOT);
            if (lower.equals("true") || lower.equals("false")) {
                return new Condition.Literal(Boolean.valueOf(lower));
            }
            if (lower.equals("null")) {
                pos = start;
                throw error("null is not a value here; write 'field is null' or 'field is not null'");
            }
            return field(path, start);
        }
        throw error("expected a field or a literal");
    }

    private Condition.Field field(String path, int start) {
        String[] parts = path.split("\\.");
        String root = parts[0];
        if (!ROOTS.contains(root)) {
            pos = start;
            throw error("unknown field '" + path
                    + "'; fields start with op, ts_ms, ts_us, ts_ns, source., before., after. or transaction.");
        }
        if (LEAF_ROOTS.contains(root) && parts.length > 1) {
            pos = start;
            throw error("'" + root + "' has no sub-fields");
        }
        if (!LEAF_ROOTS.contains(root) && parts.length == 1) {
            pos = start;
            throw error("'" + root + "' needs a sub-field, e.g. " + root + ".id");
        }
        return new Condition.Field(path, new FieldPath(parts), missing);
    }

    private String readPath() {
        int start = pos;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (isIdentifierPart(c)) {
                pos++;
            } else if (c == '.' && pos + 1 < text.length() && isIdentifierPart(text.charAt(pos + 1))) {
                pos++;
            } else {
                break;
            }
        }
        return text.substring(start, pos);
    }

    private String readString() {
        int start = pos;
        pos++;
        StringBuilder value = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c != '\'') {
                value.append(c);
            } else if (pos < text.length() && text.charAt(pos) == '\'') {
                value.append('\'');
                pos++;
            } else {
                return value.toString();
            }
        }
        pos = start;
        throw error("unterminated text literal (a quote ' is missing)");
    }

    private Object readNumber() {
        int start = pos;
        if (text.charAt(pos) == '-') {
            pos++;
        }
        while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
            pos++;
        }
        String number = text.substring(start, pos);
        try {
            if (number.contains(".")) {
                return new BigDecimal(number);
            }
            BigInteger integer = new BigInteger(number);
            return integer.bitLength() < Long.SIZE ? (Object) integer.longValue() : integer;
        } catch (NumberFormatException e) {
            pos = start;
            throw error("'" + number + "' is not a number");
        }
    }

    private String parseStringLiteral(String keyword) {
        skipSpaces();
        if (pos >= text.length() || text.charAt(pos) != '\'') {
            throw error("expected a quoted pattern after '" + keyword + "'");
        }
        return readString();
    }

    private Pattern likePattern(String like) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : like.toCharArray()) {
            if (c == '%' || c == '_') {
                regex.append(Pattern.quote(literal.toString())).append(c == '%' ? ".*" : ".");
                literal.setLength(0);
            } else {
                literal.append(c);
            }
        }
        regex.append(Pattern.quote(literal.toString()));
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    private Pattern regexPattern(String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw error("invalid regular expression after 'matches': " + e.getDescription());
        }
    }

    private boolean acceptKeyword(String keyword) {
        skipSpaces();
        int end = pos + keyword.length();
        if (end <= text.length()
                && text.regionMatches(true, pos, keyword, 0, keyword.length())
                && (end == text.length() || !isIdentifierPart(text.charAt(end)))) {
            pos = end;
            return true;
        }
        return false;
    }

    private void expectKeyword(String keyword) {
        if (!acceptKeyword(keyword)) {
            throw error("expected '" + keyword + "'");
        }
    }

    private boolean accept(String symbol) {
        skipSpaces();
        if (text.startsWith(symbol, pos)) {
            pos += symbol.length();
            return true;
        }
        return false;
    }

    private void expect(String symbol) {
        if (!accept(symbol)) {
            throw error("expected '" + symbol + "'");
        }
    }

    private void skipSpaces() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private static boolean isIdentifierStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isIdentifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    private ConfigException error(String problem) {
        String found =
                pos >= text.length() ? "the end" : "'" + text.substring(pos, Math.min(text.length(), pos + 12)) + "'";
        return new ConfigException(setting, text, "at position " + pos + " (found " + found + "): " + problem);
    }
}
