package dev.mskcdc.packaging.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * What one fault scenario measured, written to {@code target/it-reports/fault-<scenario>.json}: the
 * check's counts, how long the fault kept the failed part away ({@code outageSeconds}), how long after it
 * was back the first change committed after that arrived in Kafka ({@code recoverySeconds}), and the
 * scenario's wall-clock duration. {@code lastOffset} is the offset of the last record read (not written).
 */
record FaultReport(
        String scenario,
        ChangeCheck check,
        double outageSeconds,
        double recoverySeconds,
        double durationSeconds,
        long lastOffset,
        Map<String, Object> extra) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    FaultReport with(String key, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(extra);
        more.put(key, value);
        return new FaultReport(scenario, check, outageSeconds, recoverySeconds, durationSeconds, lastOffset, more);
    }

    void write() throws IOException {
        Path reports = Files.createDirectories(Path.of("target", "it-reports"));
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("scenario", scenario);
        fields.put("committed", check.committed());
        fields.put("seen", check.seen());
        fields.put("lost", check.lost());
        fields.put("duplicated", check.duplicated());
        fields.put("unknown", check.unknown());
        fields.put("absorbedBySnapshot", check.absorbedBySnapshot());
        fields.put("snapshotRecords", check.snapshotRecords());
        fields.put("rowsMissingOrStale", check.rowsMissingOrStale());
        fields.put("ghostRows", check.ghostRows());
        fields.put("ghostRowsOfAbsorbedDeletes", check.ghostRowsOfAbsorbedDeletes());
        fields.put("outageSeconds", round(outageSeconds));
        fields.put("recoverySeconds", round(recoverySeconds));
        fields.put("durationSeconds", round(durationSeconds));
        fields.putAll(extra);
        Files.writeString(reports.resolve("fault-" + scenario + ".json"), JSON.writeValueAsString(fields) + "\n");
        System.out.println("[FaultScenariosIT] " + fields);
    }

    static double round(double seconds) {
        return Math.round(seconds * 10) / 10.0;
    }
}
