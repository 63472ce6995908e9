package dev.mskcdc.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Captures what slf4j-simple writes (it writes to the current System.err, see simplelogger.properties)
 * while still passing it through to the real stream.
 */
public final class LogCapture implements AutoCloseable {

    private final PrintStream original = System.err;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    public LogCapture() {
        OutputStream tee = new OutputStream() {
            @Override
            public void write(int b) {
                captured.write(b);
                original.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                captured.write(b, off, len);
                original.write(b, off, len);
            }
        };
        System.setErr(new PrintStream(tee, true, StandardCharsets.UTF_8));
    }

    public String text() {
        System.err.flush();
        synchronized (captured) {
            return captured.toString(StandardCharsets.UTF_8);
        }
    }

    /** One logged event: level, logger and the full text including stack trace lines. */
    public record Event(String level, String logger, String text) {}

    private static final Pattern START = Pattern.compile("^\\[[^\\]]+\\] (TRACE|DEBUG|INFO|WARN|ERROR) (\\S+) - .*");

    /** The captured text split into events (slf4j-simple starts each with "[thread] LEVEL logger - "). */
    public List<Event> events() {
        List<Event> events = new ArrayList<>();
        String level = "?";
        String logger = "?";
        StringBuilder text = new StringBuilder();
        for (String line : text().split("\n", -1)) {
            Matcher start = START.matcher(line);
            if (start.matches()) {
                if (text.length() > 0) {
                    events.add(new Event(level, logger, text.toString()));
                }
                level = start.group(1);
                logger = start.group(2);
                text = new StringBuilder();
            }
            text.append(line).append('\n');
        }
        if (text.length() > 0) {
            events.add(new Event(level, logger, text.toString()));
        }
        return events;
    }

    @Override
    public void close() {
        System.err.flush();
        System.setErr(original);
    }
}
