package dev.mskcdc.connector.preflight;

import java.util.List;

/** The checklist in the order the checks ran, as text for people or JSON for scripts. */
public record PreflightReport(String target, List<CheckResult> results) {

    public PreflightReport {
        results = List.copyOf(results);
    }

    /** True when no check failed (warnings do not count). */
    public boolean passed() {
        return results.stream().noneMatch(result -> result.status() == CheckResult.Status.FAIL);
    }

    public CheckResult result(String id) {
        return results.stream()
                .filter(result -> result.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no check '" + id + "' in this report"));
    }

    public String toText() {
        StringBuilder text =
                new StringBuilder("MSK CDC Kit preflight for ").append(target).append('\n');
        for (CheckResult result : results) {
            text.append(String.format("[%-4s] %-22s %s%n", result.status(), result.id(), result.finding()));
            if (!result.fix().isEmpty()) {
                result.fix()
                        .lines()
                        .forEach(line ->
                                text.append("         fix: ").append(line).append('\n'));
            }
        }
        long failures = results.stream()
                .filter(result -> result.status() == CheckResult.Status.FAIL)
                .count();
        text.append(
                        passed()
                                ? "PASSED"
                                : "FAILED: " + failures + " check(s) must be fixed before the connector can run")
                .append('\n');
        return text.toString();
    }

    public String toJson() {
        StringBuilder json = new StringBuilder("{\"target\":")
                .append(quote(target))
                .append(",\"passed\":")
                .append(passed())
                .append(",\"checks\":[");
        for (int i = 0; i < results.size(); i++) {
            CheckResult result = results.get(i);
            json.append(i == 0 ? "" : ",")
                    .append("{\"id\":")
                    .append(quote(result.id()))
                    .append(",\"status\":")
                    .append(quote(result.status().name()))
                    .append(",\"finding\":")
                    .append(quote(result.finding()))
                    .append(",\"fix\":")
                    .append(quote(result.fix()))
                    .append('}');
        }
        return json.append("]}").toString();
    }

    // The worker provides Jackson only inside Connect; the command line must not depend on it.
    private static String quote(String value) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
