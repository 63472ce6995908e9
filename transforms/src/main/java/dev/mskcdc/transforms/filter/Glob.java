package dev.mskcdc.transforms.filter;

import java.util.List;
import java.util.regex.Pattern;

/** Shell-style globs ({@code *}, {@code ?}), case-insensitive like Debezium's include lists. */
public final class Glob {

    private Glob() {}

    public static Pattern compile(String glob) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*' || c == '?') {
                regex.append(Pattern.quote(literal.toString())).append(c == '*' ? ".*" : ".");
                literal.setLength(0);
            } else {
                literal.append(c);
            }
        }
        regex.append(Pattern.quote(literal.toString()));
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
    }

    public static List<Pattern> compileAll(List<String> globs) {
        return globs.stream().map(Glob::compile).toList();
    }

    public static boolean anyMatches(List<Pattern> patterns, String text) {
        for (Pattern pattern : patterns) {
            if (pattern.matcher(text).matches()) {
                return true;
            }
        }
        return false;
    }
}
