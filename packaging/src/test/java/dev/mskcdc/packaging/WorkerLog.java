package dev.mskcdc.packaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reading a Connect worker's log4j output. */
final class WorkerLog {

    private static final String STARTED = "Kafka Connect started";

    private WorkerLog() {}

    static String all(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every line logged from the first line up to and including "Kafka Connect started". */
    static List<String> startupLines(Path log) {
        List<String> lines = new ArrayList<>();
        for (String line : all(log).split("\n")) {
            lines.add(line);
            if (line.contains(STARTED)) {
                return lines;
            }
        }
        throw new AssertionError("The worker never logged '" + STARTED + "' in " + log);
    }

    static List<String> errorLines(List<String> lines) {
        return lines.stream().filter(line -> line.contains("] ERROR ")).toList();
    }
}
