package dev.mskcdc.localstack.connect;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.mskcdc.localstack.process.LocalStackException;

/**
 * The Connect worker's maximum heap ({@code -Xmx}), in the JVM's own notation ({@code 1g}, {@code 1536m}). Tests set
 * it to run the worker at the heap of a managed worker (MSK Connect, packaging/BENCHMARKS.md "Large rows").
 */
public record WorkerHeap(String size) {

    /** The local stack's worker heap unless a setting says otherwise. */
    public static final WorkerHeap DEFAULT = new WorkerHeap("1g");

    /** The worker starts with this much heap ({@code -Xms}); a smaller maximum could not start. */
    private static final long INITIAL_BYTES = 256L << 20;

    private static final Pattern SIZE = Pattern.compile("([1-9][0-9]{0,12})([kmg])");

    /**
     * Reads {@code value} given as {@code setting} (a system property or command-line option), refusing anything the
     * JVM would not take as {@code -Xmx} or that is below the worker's initial 256 MiB.
     */
    public static WorkerHeap parse(String setting, String value) {
        Matcher size = SIZE.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!size.matches()) {
            throw new LocalStackException(setting + "=" + value
                    + " is not a heap size: give a number with the unit k, m or g, as for java -Xmx (e.g. 1g, 1536m).");
        }
        long bytes = Long.parseLong(size.group(1))
                << switch (size.group(2)) {
                    case "k" -> 10;
                    case "m" -> 20;
                    default -> 30;
                };
        if (bytes < INITIAL_BYTES) {
            throw new LocalStackException(
                    setting + "=" + value + " is below the worker's initial heap of 256m: give at least 256m.");
        }
        return new WorkerHeap(size.group());
    }

    /** The worker JVM's heap options. */
    String[] jvmOptions() {
        return new String[] {"-Xms256m", "-Xmx" + size};
    }
}
