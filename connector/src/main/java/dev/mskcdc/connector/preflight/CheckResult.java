package dev.mskcdc.connector.preflight;

/**
 * One line of the preflight checklist.
 *
 * @param id      stable identifier for scripts ({@code binlog-format}, ...)
 * @param status  outcome
 * @param finding what was found, in the server's own terms
 * @param fix     the exact change that makes the check pass; empty when nothing is to be done
 */
public record CheckResult(String id, Status status, String finding, String fix) {

    public enum Status {
        /** Fine as it is. */
        PASS,
        /** Works, but something is worth changing; does not fail the preflight. */
        WARN,
        /** The connector will fail or lose changes: the preflight exits non-zero. */
        FAIL,
        /** Not checked, because an earlier failure makes the answer meaningless. */
        SKIP
    }
}
