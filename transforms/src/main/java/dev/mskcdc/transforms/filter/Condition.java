package dev.mskcdc.transforms.filter;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Date;
import java.util.List;
import java.util.regex.Pattern;

import org.apache.kafka.connect.errors.DataException;

import dev.mskcdc.transforms.records.ChangeFields;
import dev.mskcdc.transforms.records.FieldPath;

/**
 * A parsed condition over one Debezium change event value (Struct or Map). Built once by
 * {@link ConditionParser}; evaluation walks the tree and never parses, reflects or runs code.
 * A comparison with a null operand is false; {@code is null} tests for null.
 */
public interface Condition {

    /** True when {@code envelope} (the record value) satisfies the condition. */
    boolean test(Object envelope, String topic);

    /** Always true: the condition of a filter configured without one. */
    Condition TRUE = (envelope, topic) -> true;

    /** A side of a comparison: a field path or a literal. */
    interface Operand {
        Object resolve(Object envelope, String topic);

        String describe();
    }

    record Field(String text, FieldPath path, MissingFieldPolicy missing) implements Operand {
        @Override
        public Object resolve(Object envelope, String topic) {
            Object value = path.get(envelope);
            if (value != ChangeFields.MISSING) {
                return value;
            }
            if (missing == MissingFieldPolicy.FAIL) {
                throw new DataException(
                        "Condition field '" + text + "' is missing from the value of a record on topic '" + topic
                                + "'; fix the field name in the condition or set missing.fields=null to read it as null");
            }
            return null;
        }

        @Override
        public String describe() {
            return text;
        }
    }

    record Literal(Object value) implements Operand {
        @Override
        public Object resolve(Object envelope, String topic) {
            return value;
        }

        @Override
        public String describe() {
            return value instanceof String s ? "'" + s + "'" : String.valueOf(value);
        }
    }

    record And(List<Condition> parts) implements Condition {
        @Override
        public boolean test(Object envelope, String topic) {
            for (Condition part : parts) {
                if (!part.test(envelope, topic)) {
                    return false;
                }
            }
            return true;
        }
    }

    record Or(List<Condition> parts) implements Condition {
        @Override
        public boolean test(Object envelope, String topic) {
            for (Condition part : parts) {
                if (part.test(envelope, topic)) {
                    return true;
                }
            }
            return false;
        }
    }

    record Not(Condition inner) implements Condition {
        @Override
        public boolean test(Object envelope, String topic) {
            return !inner.test(envelope, topic);
        }
    }

    record IsNull(Operand operand, boolean negated) implements Condition {
        @Override
        public boolean test(Object envelope, String topic) {
            return (operand.resolve(envelope, topic) == null) != negated;
        }
    }

    record In(Operand operand, List<Object> candidates, boolean negated) implements Condition {
        @Override
        public boolean test(Object envelope, String topic) {
            Object value = operand.resolve(envelope, topic);
            if (value == null) {
                return false;
            }
            for (Object candidate : candidates) {
                if (Values.compare(value, candidate, operand, topic, true) == 0) {
                    return !negated;
                }
            }
            return negated;
        }
    }

    /** {@code like} (SQL wildcards) and {@code matches} (Java regex): both must match the whole text. */
    record Matches(Operand operand, Pattern pattern, boolean negated) implements Condition {
        @Override
        public boolean test(Object envelope, String topic) {
            Object value = operand.resolve(envelope, topic);
            if (value == null) {
                return false;
            }
            if (!(value instanceof CharSequence text)) {
                throw new DataException("Condition field '" + operand.describe() + "' on topic '" + topic + "' is a "
                        + Values.typeName(value) + ", but like/matches need text; compare it with =, <, > instead");
            }
            return pattern.matcher(text).matches() != negated;
        }
    }

    enum Comparator {
        EQ,
        NE,
        LT,
        LE,
        GT,
        GE
    }

    record Compare(Operand left, Comparator comparator, Operand right) implements Condition {
        @Override
        public boolean test(Object envelope, String topic) {
            Object a = left.resolve(envelope, topic);
            Object b = right.resolve(envelope, topic);
            if (a == null || b == null) {
                return false;
            }
            boolean equalityOnly = comparator == Comparator.EQ || comparator == Comparator.NE;
            Operand named = left instanceof Field ? left : right;
            int order = Values.compare(a, b, named, topic, equalityOnly);
            return switch (comparator) {
                case EQ -> order == 0;
                case NE -> order != 0;
                case LT -> order < 0;
                case LE -> order <= 0;
                case GT -> order > 0;
                case GE -> order >= 0;
            };
        }
    }

    /**
     * Comparison rules: numbers by exact value across Java types, including a decimal string against a
     * number (Debezium's {@code decimal.handling.mode=string} and {@code bigint.unsigned.handling.mode=string}
     * emit DECIMAL and BIGINT UNSIGNED values as text); text by code point; booleans by equality.
     */
    final class Values {
        private Values() {}

        static int compare(Object a, Object b, Operand named, String topic, boolean equalityOnly) {
            if (a instanceof Date date) {
                a = date.getTime();
            }
            if (b instanceof Date date) {
                b = date.getTime();
            }
            if (a instanceof Number x && b instanceof String y) {
                return compareNumbers(x, decimalText(y, named, topic));
            }
            if (a instanceof String x && b instanceof Number y) {
                return compareNumbers(decimalText(x, named, topic), y);
            }
            if (a instanceof Number x && b instanceof Number y) {
                return compareNumbers(x, y);
            }
            if (a instanceof String x && b instanceof String y) {
                return x.compareTo(y);
            }
            if (a instanceof Boolean x && b instanceof Boolean y) {
                if (!equalityOnly) {
                    throw new DataException("Condition on topic '" + topic + "' orders booleans ('" + named.describe()
                            + "'); booleans support only = and !=");
                }
                return x.equals(y) ? 0 : 1;
            }
            throw new DataException("Condition compares '" + named.describe() + "' on topic '" + topic + "' as "
                    + typeName(a) + " with " + typeName(b) + "; write the literal in the field's type"
                    + " (text in quotes, numbers without: DECIMAL and BIGINT UNSIGNED columns compare as numbers"
                    + " whether the connector emits them as numbers or as decimal strings)");
        }

        /** A text value met by a number: a decimal string (DECIMAL as string) compares by value; other text is a mismatch. */
        private static BigDecimal decimalText(String text, Operand named, String topic) {
            try {
                return new BigDecimal(text);
            } catch (NumberFormatException e) {
                throw new DataException("Condition compares '" + named.describe() + "' on topic '" + topic
                        + "' as text with a number, and the text is not a decimal number; quote the literal to"
                        + " compare text, or compare a numeric field");
            }
        }

        private static int compareNumbers(Number x, Number y) {
            if (isIntegral(x) && isIntegral(y)) {
                return Long.compare(x.longValue(), y.longValue());
            }
            if (isFloating(x) || isFloating(y)) {
                if (!Double.isFinite(x.doubleValue()) || !Double.isFinite(y.doubleValue())) {
                    return Double.compare(x.doubleValue(), y.doubleValue());
                }
            }
            return toBigDecimal(x).compareTo(toBigDecimal(y));
        }

        private static boolean isIntegral(Number n) {
            return n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte;
        }

        private static boolean isFloating(Number n) {
            return n instanceof Double || n instanceof Float;
        }

        /** Exact: a double becomes the decimal it holds; a BigInteger keeps every digit. */
        private static BigDecimal toBigDecimal(Number n) {
            if (n instanceof BigDecimal d) {
                return d;
            }
            if (n instanceof BigInteger i) {
                return new BigDecimal(i);
            }
            if (isFloating(n)) {
                return new BigDecimal(n.doubleValue());
            }
            return BigDecimal.valueOf(n.longValue());
        }

        static String typeName(Object value) {
            if (value instanceof String) {
                return "text";
            }
            if (value instanceof Number) {
                return "number";
            }
            if (value instanceof Boolean) {
                return "boolean";
            }
            return value.getClass().getSimpleName();
        }
    }
}
