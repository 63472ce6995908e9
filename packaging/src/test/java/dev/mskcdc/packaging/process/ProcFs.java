package dev.mskcdc.packaging.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What Linux's /proc tells about a child process (the Connect worker): its CPU time and its peak resident memory. */
public final class ProcFs {

    /** USER_HZ on Linux: /proc reports CPU time in these ticks. */
    public static final int CLOCK_TICKS_PER_SECOND = 100;

    private ProcFs() {}

    /** User plus system CPU time of the process so far, in clock ticks (/proc/PID/stat fields 14 and 15). */
    public static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** Resets the process's peak resident memory (VmHWM) to its current size, so each phase reports its own peak. */
    public static void clearPeakRss(long pid) throws IOException {
        Files.writeString(Path.of("/proc", Long.toString(pid), "clear_refs"), "5");
    }

    /** The process's peak resident memory (VmHWM) in KiB; fails where /proc does not report it. */
    public static long peakRssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new AssertionError("No VmHWM in /proc/" + pid + "/status");
    }
}
