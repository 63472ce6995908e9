package dev.mskcdc.packaging.benchmark;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

import dev.mskcdc.packaging.process.ProcFs;

/**
 * A JDK Flight Recorder profile of a worker JVM during one phase: its CPU seconds (from /proc), its GC pauses, and its
 * Java execution samples split by component. A sample counts for the component of the first frame, from the top of
 * its stack, whose class belongs to one (JDK frames such as String or HashMap count for their caller). GC threads
 * are native, so GC shows as pause time, not as samples.
 */
record CpuProfile(long events, double seconds, double cpuSeconds, double gcPauseSeconds, Map<String, Long> samples) {

    /** Package prefixes per component, in the order they are matched against each frame. */
    private static final Map<String, List<String>> COMPONENTS = components();

    private static final String OTHER = "other (JDK-only stacks, logging, REST, ...)";

    /** A recording under way. */
    record Recording(long pid, String name, Path file, long startTicks, long startNanos) {

        CpuProfile stop(long events) throws IOException, InterruptedException {
            jcmd(pid, "JFR.stop", "name=" + name, "filename=" + file);
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            double cpu = (ProcFs.cpuTicks(pid) - startTicks) / (double) ProcFs.CLOCK_TICKS_PER_SECOND;
            return read(file, events, seconds, cpu);
        }
    }

    static Recording start(long pid, String name, Path directory) throws IOException, InterruptedException {
        Path file = directory.toAbsolutePath().resolve("worker-" + name + ".jfr");
        jcmd(pid, "JFR.start", "name=" + name, "settings=profile");
        return new Recording(pid, name, file, ProcFs.cpuTicks(pid), System.nanoTime());
    }

    /** Markdown: the phase's figures and the share of samples per component. */
    String table(String phase) {
        long total = samples.values().stream().mapToLong(Long::longValue).sum();
        StringBuilder text = new StringBuilder(String.format(
                Locale.ROOT,
                "## %s: %d records in %.1f s, worker CPU %.1f s (%.1f µs per record, %.2f cores), GC pauses %.2f s%n%n"
                        + "| component | samples | share |%n|---|---|---|%n",
                phase,
                events,
                seconds,
                cpuSeconds,
                cpuSeconds / events * 1e6,
                cpuSeconds / seconds,
                gcPauseSeconds));
        samples.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(entry -> text.append(String.format(
                        Locale.ROOT,
                        "| %s | %d | %.1f%% |%n",
                        entry.getKey(),
                        entry.getValue(),
                        100.0 * entry.getValue() / total)));
        return text.toString();
    }

    private static CpuProfile read(Path file, long events, double seconds, double cpu) throws IOException {
        Map<String, Long> samples = new LinkedHashMap<>();
        COMPONENTS.keySet().forEach(component -> samples.put(component, 0L));
        samples.put(OTHER, 0L);
        double gcPause = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            String type = event.getEventType().getName();
            if (type.equals("jdk.ExecutionSample") && event.getStackTrace() != null) {
                samples.merge(component(event.getStackTrace().getFrames()), 1L, Long::sum);
            } else if (type.equals("jdk.GarbageCollection")) {
                gcPause += event.getDuration("sumOfPauses").toNanos() / 1e9;
            }
        }
        return new CpuProfile(events, seconds, cpu, gcPause, samples);
    }

    private static String component(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            if (!frame.isJavaFrame() || frame.getMethod() == null) {
                continue;
            }
            String type = frame.getMethod().getType().getName();
            for (Map.Entry<String, List<String>> component : COMPONENTS.entrySet()) {
                if (component.getValue().stream().anyMatch(type::startsWith)) {
                    return component.getKey();
                }
            }
        }
        return OTHER;
    }

    private static Map<String, List<String>> components() {
        Map<String, List<String>> components = new LinkedHashMap<>();
        components.put("our transforms (dev.mskcdc)", List.of("dev.mskcdc."));
        components.put(
                "converter (JsonConverter, Jackson)",
                List.of("org.apache.kafka.connect.json.", "com.fasterxml.jackson."));
        components.put("producer compression (lz4)", List.of("net.jpountz.", "org.apache.kafka.common.compress."));
        components.put(
                "producer (batching, serialization)",
                List.of("org.apache.kafka.clients.producer.", "org.apache.kafka.common.record."));
        components.put(
                "Kafka clients (network, metadata)",
                List.of("org.apache.kafka.common.network.", "org.apache.kafka.clients.", "org.apache.kafka.common."));
        components.put(
                "binlog client (event deserialization)",
                List.of("com.github.shyiko.mysql.binlog.", "io.debezium.connector.binlog.event."));
        components.put("JDBC driver (snapshot reads)", List.of("com.mysql.cj."));
        components.put("Debezium (event building, queue, schema)", List.of("io.debezium."));
        components.put("Connect source-task loop (WorkerSourceTask)", List.of("org.apache.kafka.connect."));
        return components;
    }

    private static void jcmd(long pid, String... command) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid)));
        args.addAll(List.of(command));
        Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(Duration.ofMinutes(2).toSeconds(), TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError("jcmd " + String.join(" ", command) + " failed: " + output);
        }
    }
}
