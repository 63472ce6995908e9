package dev.mskcdc.packaging.memory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A worker JVM's memory as it was at its worst: from its GC log ({@code -Xlog:gc}) the most heap in use when a
 * collection started and the most still in use after one (the live set), and from Linux the peak resident set.
 */
record WorkerMemory(long peakHeapMiB, long peakLiveHeapMiB, long collections, long peakRssMiB) {

    /** {@code 512M->130M(1024M)} in a line such as {@code GC(7) Pause Young (Normal) ... 512M->130M(1024M) 5.2ms}. */
    private static final Pattern COLLECTION = Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

    static WorkerMemory of(Path gcLog, long pid) {
        long peak = 0;
        long peakLive = 0;
        long collections = 0;
        for (String line : read(gcLog).split("\n")) {
            Matcher collection = COLLECTION.matcher(line);
            if (collection.find()) {
                collections++;
                peak = Math.max(peak, mebibytes(collection.group(1), collection.group(2)));
                peakLive = Math.max(peakLive, mebibytes(collection.group(3), collection.group(4)));
            }
        }
        return new WorkerMemory(peak, peakLive, collections, peakRssMiB(pid));
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "peak heap %d MiB (before a collection), %d MiB (after one) over %d collections, peak RSS %d MiB",
                peakHeapMiB,
                peakLiveHeapMiB,
                collections,
                peakRssMiB);
    }

    private static long mebibytes(String number, String unit) {
        long value = Long.parseLong(number);
        return switch (unit) {
            case "K" -> value / 1024;
            case "G" -> value * 1024;
            default -> value;
        };
    }

    /** VmHWM: the most resident memory the process has had since it started. */
    private static long peakRssMiB(long pid) {
        for (String line : read(Path.of("/proc", Long.toString(pid), "status")).split("\n")) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        throw new AssertionError("No VmHWM line in /proc/" + pid + "/status");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
