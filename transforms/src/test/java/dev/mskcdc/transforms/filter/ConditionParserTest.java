package dev.mskcdc.transforms.filter;

import java.math.BigDecimal;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConditionParserTest {

    private static boolean eval(String condition, Map<String, Object> after) {
        Map<String, Object> envelope = new HashMap<>();
        envelope.put("op", "u");
        envelope.put("after", after);
        envelope.put("before", null);
        return ConditionParser.parse("condition", condition, MissingFieldPolicy.NULL)
                .test(envelope, "t");
    }

    private static Map<String, Object> row(Object... keyValues) {
        Map<String, Object> row = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            row.put((String) keyValues[i], keyValues[i + 1]);
        }
        return row;
    }

    @Test
    void numbersCompareByValueAcrossTypes() {
        Map<String, Object> row = row("i", 5, "l", 5L, "d", new BigDecimal("5.50"), "f", 5.5d, "s", (short) 5);
        assertThat(eval("after.i = 5 and after.l >= 5 and after.s < 6", row)).isTrue();
        assertThat(eval("after.d = 5.5 and after.d > 5 and after.f = 5.5 and after.f > after.i", row))
                .isTrue();
        assertThat(eval("after.i != 5", row)).isFalse();
        assertThat(eval("after.i <> 4 and after.i == 5", row)).isTrue();
    }

    /** The README's example on a DECIMAL(12,2) column, in each representation Debezium and Connect can give it. */
    @Test
    void decimalsCompareByValueInEveryRepresentation() {
        String condition = "after.total >= 100.50";
        for (String total : new String[] {"7.90", "99.00", "100.49"}) {
            assertThat(eval(condition, row("total", total)))
                    .as("decimal string %s", total)
                    .isFalse();
            assertThat(eval(condition, row("total", new BigDecimal(total))))
                    .as("Decimal %s", total)
                    .isFalse();
        }
        for (String total : new String[] {"100.50", "100.5", "250.00", "1000.00"}) {
            assertThat(eval(condition, row("total", total)))
                    .as("decimal string %s", total)
                    .isTrue();
            assertThat(eval(condition, row("total", new BigDecimal(total))))
                    .as("Decimal %s", total)
                    .isTrue();
            assertThat(eval(condition, row("total", Double.valueOf(total))))
                    .as("double %s", total)
                    .isTrue();
        }
        assertThat(eval("after.total = 100.5 and after.total in (100.50)", row("total", "100.50")))
                .isTrue();
        assertThat(eval("after.total = after.copy", row("total", "100.50", "copy", new BigDecimal("100.5"))))
                .isTrue();
    }

    @Test
    void unsignedBigintsAboveLongCompareExactly() {
        String max = "18446744073709551615";
        for (Object value : new Object[] {max, new BigDecimal(max), new java.math.BigInteger(max)}) {
            assertThat(eval("after.id = 18446744073709551615", row("id", value)))
                    .as("%s", value.getClass())
                    .isTrue();
            assertThat(eval("after.id > 18446744073709551614 and after.id > 9223372036854775807", row("id", value)))
                    .as("%s", value.getClass())
                    .isTrue();
        }
        assertThat(eval("after.id < 18446744073709551615", row("id", -1L))).isTrue();
    }

    @Test
    void textThatIsNotANumberAgainstANumberFailsNamingTheField() {
        assertThatThrownBy(() -> eval("after.code >= 100.50", row("code", "abc")))
                .isInstanceOf(DataException.class)
                .hasMessage("Condition compares 'after.code' on topic 't' as text with a number, and the text is not a"
                        + " decimal number; quote the literal to compare text, or compare a numeric field");
    }

    @Test
    void timestampsCompareAsEpochMillis() {
        assertThat(eval("after.at > 1000", row("at", new Date(2000)))).isTrue();
    }

    @Test
    void precedenceIsNotThenAndThenOr() {
        Map<String, Object> row = row("a", 1, "b", 2);
        assertThat(eval("after.a = 1 or after.b = 3 and after.a = 2", row)).isTrue();
        assertThat(eval("(after.a = 1 or after.b = 3) and after.a = 2", row)).isFalse();
        assertThat(eval("not after.a = 2 and not (after.b = 1)", row)).isTrue();
    }

    @Test
    void keywordsAreCaseInsensitive() {
        assertThat(eval("after.a IS NOT NULL AND after.a IN (1, 2) Or op = 'x'", row("a", 1)))
                .isTrue();
    }

    @Test
    void nullComparisonsAreFalseAndIsNullTestsThem() {
        Map<String, Object> row = row("a", null);
        assertThat(eval("after.a = 1", row)).isFalse();
        assertThat(eval("after.a != 1", row)).isFalse();
        assertThat(eval("after.a in (1)", row)).isFalse();
        assertThat(eval("after.a is null", row)).isTrue();
        assertThat(eval("after.a is not null", row)).isFalse();
        assertThat(eval("before.a is null", row)).isTrue();
    }

    @Test
    void likeUsesSqlWildcardsOverTheWholeText() {
        Map<String, Object> row = row("s", "orders_12", "t", "a.b(c)");
        assertThat(eval("after.s like 'orders\\_%'", row)).isFalse();
        assertThat(eval("after.s like 'orders_%'", row)).isTrue();
        assertThat(eval("after.s like 'order'", row)).isFalse();
        assertThat(eval("after.s not like '%x%'", row)).isTrue();
        assertThat(eval("after.t like 'a.b(_)'", row)).isTrue();
    }

    @Test
    void matchesUsesJavaRegexOverTheWholeText() {
        Map<String, Object> row = row("s", "orders_12");
        assertThat(eval("after.s matches 'orders_\\d+'", row)).isTrue();
        assertThat(eval("after.s matches 'orders'", row)).isFalse();
        assertThat(eval("after.s not matches '.*_7'", row)).isTrue();
    }

    @Test
    void inListsMixTypesByField() {
        assertThat(eval("after.s in ('a', 'b') and after.s not in ('c')", row("s", "b")))
                .isTrue();
        assertThat(eval("after.flag = true and after.flag in (true)", row("flag", true)))
                .isTrue();
    }

    @Test
    void quotesAreEscapedByDoubling() {
        assertThat(eval("after.s = 'O''Brien'", row("s", "O'Brien"))).isTrue();
    }

    @Test
    void fieldsNamedLikeKeywordsWorkAfterTheDot() {
        assertThat(eval("after.in = 1 and after.and = 2", row("in", 1, "and", 2)))
                .isTrue();
    }

    @Test
    void blankConditionIsAlwaysTrue() {
        assertThat(ConditionParser.parse("condition", "  ", MissingFieldPolicy.FAIL))
                .isSameAs(Condition.TRUE);
    }

    @Test
    void orderingBooleansFails() {
        assertThatThrownBy(() -> eval("after.flag > true", row("flag", true)))
                .isInstanceOf(DataException.class)
                .hasMessage("Condition on topic 't' orders booleans ('after.flag'); booleans support only = and !=");
    }

    @Test
    void likeOnNumbersFails() {
        assertThatThrownBy(() -> eval("after.n like '1%'", row("n", 12)))
                .isInstanceOf(DataException.class)
                .hasMessage("Condition field 'after.n' on topic 't' is a number, but like/matches need text; "
                        + "compare it with =, <, > instead");
    }

    @Test
    void syntaxErrorsNamePositionAndExpectation() {
        assertParseError(
                "after.a = 'x", "at position 10 (found ''x'): unterminated text literal (a quote ' is missing)");
        assertParseError(
                "after.a 5",
                "at position 8 (found '5'): expected a comparison (=, !=, <, <=, >, >=), "
                        + "'is [not] null', 'in', 'like' or 'matches'");
        assertParseError(
                "row.a = 1",
                "at position 0 (found 'row.a = 1'): unknown field 'row.a'; fields start with op, "
                        + "ts_ms, ts_us, ts_ns, source., before., after. or transaction.");
        assertParseError("op.x = 1", "at position 0 (found 'op.x = 1'): 'op' has no sub-fields");
        assertParseError("after = 1", "at position 0 (found 'after = 1'): 'after' needs a sub-field, e.g. after.id");
        assertParseError(
                "after.a = null",
                "at position 10 (found 'null'): null is not a value here; write 'field is "
                        + "null' or 'field is not null'");
        assertParseError("(op = 'c'", "at position 9 (found the end): expected ')'");
        assertParseError("op = 'c' op", "at position 9 (found 'op'): expected 'and', 'or' or the end of the condition");
        assertParseError(
                "after.a not = 1", "at position 12 (found '= 1'): expected 'in', 'like' or 'matches' after 'not'");
        assertParseError(
                "after.a matches '('",
                "at position 19 (found the end): invalid regular expression after " + "'matches': Unclosed group");
        assertParseError("after.a in (after.b)", "at position 19 (found ')'): expected a literal in the 'in' list");
        assertParseError("after.a = 1.2.3", "at position 10 (found '1.2.3'): '1.2.3' is not a number");
        assertParseError("after.a like 5", "at position 13 (found '5'): expected a quoted pattern after 'like'");
    }

    private static void assertParseError(String condition, String message) {
        assertThatThrownBy(() -> ConditionParser.parse("condition", condition, MissingFieldPolicy.NULL))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid value " + condition + " for configuration condition: " + message);
    }
}
