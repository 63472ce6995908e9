package dev.mskcdc.packaging.memory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.mskcdc.packaging.process.ProcFs;

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
        return new WorkerMemory(peak, peakLive, collections, peakRssKb(pid) / 1024);
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

    private static long peakRssKb(long pid) {
        try {
            return ProcFs.peakRssKb(pid);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
