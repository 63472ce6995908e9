package dev.mskcdc.packaging.faults;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Compares, per key and operation, the changes the database committed (the writer's ledger) with the
 * change events a topic holds, and the table's final state read from the database itself with the state
 * the events lead to.
 *
 * <p>{@code lost}: committed changes with no event. {@code duplicated}: events beyond the first for a
 * committed change. {@code unknown}: events for changes the database never committed. When the initial
 * snapshot is restarted (a worker killed mid-snapshot), the completing snapshot reads the rows as they are
 * at its start: changes committed before that start are in the snapshot's rows instead of the stream, and
 * count as {@code absorbedBySnapshot}, never as lost; everything after must arrive.
 *
 * <p>Final state: {@code rowsMissingOrStale} counts rows of the database whose events lead to another
 * state or to none; {@code ghostRows} counts rows the events leave in place that the database no longer
 * holds. A row read by an interrupted snapshot and deleted before the snapshot restarted is such a ghost:
 * the restarted snapshot does not read it and its delete is absorbed, so no event removes it
 * ({@code ghostRowsOfAbsorbedDeletes} counts the ghosts explained that way).
 */
record ChangeCheck(
        int committed,
        int seen,
        int lost,
        long duplicated,
        int unknown,
        int absorbedBySnapshot,
        int snapshotRecords,
        int rowsMissingOrStale,
        int ghostRows,
        int ghostRowsOfAbsorbedDeletes,
        List<String> lostSample) {

    static ChangeCheck of(
            List<ChangeWriter.Committed> ledger,
            List<TopicReader.Received> received,
            Map<Integer, Long> databaseRows,
            boolean snapshotMayRestart) {
        return of(ledger, received, databaseRows, snapshotMayRestart, ChangeCheck::finalState);
    }

    /** As above, with the final state built by {@code consumer}, the rule a consumer applies to the events. */
    static ChangeCheck of(
            List<ChangeWriter.Committed> ledger,
            List<TopicReader.Received> received,
            Map<Integer, Long> databaseRows,
            boolean snapshotMayRestart,
            Function<List<TopicReader.Received>, Map<Integer, Long>> consumer) {
        Map<String, Long> seenCounts = received.stream()
                .filter(event -> !"r".equals(event.op()))
                .collect(Collectors.groupingBy(TopicReader.Received::identity, Collectors.counting()));
        CompletingSnapshot snapshot = CompletingSnapshot.of(received, ledger);
        int lost = 0;
        int absorbed = 0;
        Set<Integer> absorbedDeletes = new HashSet<>();
        long duplicated = 0;
        List<String> lostSample = new ArrayList<>();
        for (ChangeWriter.Committed change : ledger) {
            long count = seenCounts.getOrDefault(change.identity(), 0L);
            if (count > 1) {
                duplicated += count - 1;
            }
            if (count == 0) {
                if (snapshotMayRestart && snapshot.absorbs(change)) {
                    absorbed++;
                    if ("d".equals(change.op())) {
                        absorbedDeletes.add(change.id());
                    }
                } else {
                    lost++;
                    if (lostSample.size() < 10) {
                        lostSample.add(change.identity() + " (change " + change.number() + ")");
                    }
                }
            }
        }
        Set<String> committedIdentities =
                ledger.stream().map(ChangeWriter.Committed::identity).collect(Collectors.toSet());
        int unknown = (int) seenCounts.keySet().stream()
                .filter(identity -> !committedIdentities.contains(identity))
                .count();
        int snapshotRecords =
                (int) received.stream().filter(event -> "r".equals(event.op())).count();
        Map<Integer, Long> fromEvents = consumer.apply(received);
        int missingOrStale = (int) databaseRows.entrySet().stream()
                .filter(row -> !row.getValue().equals(fromEvents.get(row.getKey())))
                .count();
        List<Integer> ghosts = fromEvents.keySet().stream()
                .filter(id -> !databaseRows.containsKey(id))
                .toList();
        int ghostsOfAbsorbedDeletes =
                (int) ghosts.stream().filter(absorbedDeletes::contains).count();
        return new ChangeCheck(
                ledger.size(),
                received.size(),
                lost,
                duplicated,
                unknown,
                absorbed,
                snapshotRecords,
                missingOrStale,
                ghosts.size(),
                ghostsOfAbsorbedDeletes,
                lostSample);
    }

    /** The row state (id to seq) the events lead to, applied in topic order. */
    static Map<Integer, Long> finalState(List<TopicReader.Received> received) {
        Map<Integer, Long> state = new HashMap<>();
        for (TopicReader.Received event : received) {
            if ("d".equals(event.op())) {
                state.remove(event.id());
            } else {
                state.put(event.id(), event.seq());
            }
        }
        return state;
    }

    /**
     * The row state as the consumer of connector/README.md "Purged binlog" keeps it for one table's topic: events
     * applied in topic order; a table's snapshot is its run of consecutive snapshot reads ({@code op} "r", not
     * "incremental"); once it ends, every row it did not contain is dropped. It ends at its record marked "last" or
     * "last_in_data_collection", or else at the next other record (Debezium 3.6.1 marks the only row of a one-row
     * first table "first" and nothing else). Rows deleted while no binlog could be read leave that way.
     */
    static Map<Integer, Long> finalStateDroppingRowsNotInTheLastSnapshot(List<TopicReader.Received> received) {
        Map<Integer, Long> state = new HashMap<>();
        Set<Integer> inSnapshot = new HashSet<>();
        boolean reading = false;
        for (TopicReader.Received event : received) {
            boolean snapshotRead = "r".equals(event.op()) && !"incremental".equals(event.snapshot());
            if (snapshotRead && !reading) {
                inSnapshot.clear();
                reading = true;
            } else if (!snapshotRead && reading) {
                state.keySet().retainAll(inSnapshot);
                reading = false;
            }
            if ("d".equals(event.op())) {
                state.remove(event.id());
            } else {
                state.put(event.id(), event.seq());
            }
            if (snapshotRead) {
                inSnapshot.add(event.id());
                if ("last".equals(event.snapshot()) || "last_in_data_collection".equals(event.snapshot())) {
                    state.keySet().retainAll(inSnapshot);
                    reading = false;
                }
            }
        }
        return state;
    }

    /**
     * The last initial snapshot in the topic (from its last record marked "first"): the rows it read, the
     * highest change number it saw (everything up to it committed before its start), and the number of the
     * first streamed change after it (everything from there on committed after its start).
     */
    private record CompletingSnapshot(Map<Integer, Long> rows, long seenUpTo, long streamedFrom) {

        static CompletingSnapshot of(List<TopicReader.Received> received, List<ChangeWriter.Committed> ledger) {
            int first = -1;
            for (int i = 0; i < received.size(); i++) {
                if ("first".equals(received.get(i).snapshot())) {
                    first = i;
                }
            }
            Map<Integer, Long> rows = new HashMap<>();
            long seenUpTo = 0;
            long streamedFrom = Long.MAX_VALUE;
            if (first >= 0) {
                Map<String, Long> numbers = ledger.stream()
                        .collect(Collectors.toMap(
                                ChangeWriter.Committed::identity, ChangeWriter.Committed::number, (a, b) -> a));
                for (TopicReader.Received event : received.subList(first, received.size())) {
                    if ("r".equals(event.op())) {
                        rows.put(event.id(), event.seq());
                        seenUpTo = Math.max(seenUpTo, event.seq());
                    } else {
                        Optional<Long> number = Optional.ofNullable(numbers.get(event.identity()));
                        if (number.isPresent()) {
                            streamedFrom = Math.min(streamedFrom, number.get());
                        }
                    }
                }
            }
            return new CompletingSnapshot(rows, seenUpTo, streamedFrom);
        }

        /** Whether the change committed before this snapshot started, so its effect is in the snapshot's rows. */
        boolean absorbs(ChangeWriter.Committed change) {
            if (change.number() <= seenUpTo) {
                return true;
            }
            if (change.number() >= streamedFrom) {
                return false;
            }
            Long snapshotSeq = rows.get(change.id());
            return "d".equals(change.op()) ? snapshotSeq == null : snapshotSeq == null || snapshotSeq >= change.seq();
        }
    }
}
