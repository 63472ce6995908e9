package dev.mskcdc.connector.preflight;

import dev.mskcdc.connector.preflight.CheckResult.Status;

/** What a check found, before the checklist gives it the check's id. */
record Outcome(Status status, String finding, String fix) {

    static Outcome pass(String finding) {
        return new Outcome(Status.PASS, finding, "");
    }

    static Outcome warn(String finding, String fix) {
        return new Outcome(Status.WARN, finding, fix);
    }

    static Outcome fail(String finding, String fix) {
        return new Outcome(Status.FAIL, finding, fix);
    }

    static Outcome skip(String reason) {
        return new Outcome(Status.SKIP, reason, "");
    }

    CheckResult of(String id) {
        return new CheckResult(id, status, finding, fix);
    }
}
