package dev.mskcdc.packaging.faults;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import dev.mskcdc.localstack.database.Database;
import dev.mskcdc.localstack.process.Pause;

/**
 * Commits single-row changes (inserts, updates, deletes) to one table {@code (id INT PRIMARY KEY, seq BIGINT,
 * note VARCHAR)} at a steady pace, one autocommit prepared statement each on one connection, and keeps the
 * ledger of what the database committed. Every change gets the next change number; inserts and updates
 * write it into {@code seq}, so each committed change is identified by (operation, id, seq), a delete by
 * the seq of the row it removed. A statement cut off by a fault has an unknown outcome: the writer
 * reconnects and reads the row to learn whether it committed.
 */
final class ChangeWriter implements AutoCloseable {

    /** One committed change; {@code number} orders changes in commit order. */
    record Committed(String op, int id, long seq, long number, long committedAtNanos) {
        String identity() {
            return op + ":" + id + ":" + seq;
        }
    }

    private static final Duration RECONNECT_TIMEOUT = Duration.ofMinutes(3);
    private static final int MIN_LIVE_ROWS = 200;

    private final Database database;
    private final String table;
    private final int changesPerSecond;
    private final Random random = new Random(20_000);
    private final List<Integer> liveIds = new ArrayList<>();
    private final Map<Integer, Integer> liveIndex = new HashMap<>();
    private final Map<Integer, Long> rowSeq = new HashMap<>();
    private final List<Committed> ledger = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger committed = new AtomicInteger();
    private final AtomicInteger uncertainOutcomes = new AtomicInteger();
    private final Thread thread;
    private volatile int target = Integer.MAX_VALUE;
    private volatile Throwable failure;
    private int nextId;
    private long nextNumber = 1;

    /** A writer for {@code table} whose rows 1..{@code seedRows} exist with seq 0. */
    ChangeWriter(Database database, String table, int seedRows, int changesPerSecond) {
        this.database = database;
        this.table = table;
        this.changesPerSecond = changesPerSecond;
        for (int id = 1; id <= seedRows; id++) {
            addLive(id, 0);
        }
        this.nextId = seedRows + 1;
        this.thread = new Thread(this::run, "change-writer-" + table);
    }

    void start() {
        thread.start();
    }

    int committed() {
        return committed.get();
    }

    /** Statements cut off by a fault, whose outcome the writer read back from the database. */
    int uncertainOutcomes() {
        return uncertainOutcomes.get();
    }

    /** Stops once {@code total} changes have committed; waits for that. */
    List<Committed> finishAt(int total, Duration timeout) throws InterruptedException {
        target = total;
        thread.join(timeout.toMillis());
        if (thread.isAlive() || failure != null) {
            throw new AssertionError(
                    "The writer did not finish " + total + " changes within " + timeout.toSeconds() + " s (committed "
                            + committed() + ")",
                    failure);
        }
        return List.copyOf(ledger);
    }

    /** Waits (writing on) until at least {@code count} changes have committed. */
    void awaitCommitted(int count, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (committed() < count) {
            if (failure != null || Instant.now().isAfter(deadline)) {
                throw new AssertionError(
                        "The writer did not commit " + count + " changes within " + timeout.toSeconds()
                                + " s (committed " + committed() + ")",
                        failure);
            }
            Pause.between(Duration.ofMillis(20), "the writer to commit " + count + " changes");
        }
    }

    @Override
    public void close() {
        target = 0;
        thread.interrupt();
    }

    private void run() {
        Session session = null;
        long start = System.nanoTime();
        try {
            while (committed.get() < target && !Thread.currentThread().isInterrupted()) {
                pace(start);
                if (session == null) {
                    session = reconnect();
                }
                Change change = nextChange();
                try {
                    session.apply(change);
                    record(change);
                } catch (SQLException cutOff) {
                    session.closeQuietly();
                    session = reconnect();
                    uncertainOutcomes.incrementAndGet();
                    if (session.committed(change)) {
                        record(change);
                    }
                }
            }
        } catch (Throwable e) {
            failure = e;
        } finally {
            if (session != null) {
                session.closeQuietly();
            }
        }
    }

    private void pace(long start) {
        long due = start + committed.get() * 1_000_000_000L / changesPerSecond;
        long wait = due - System.nanoTime();
        if (wait > 0) {
            LockSupport.parkNanos(wait);
        }
    }

    private record Change(String op, int id, long seq, long number) {}

    private Change nextChange() {
        long number = nextNumber++;
        double roll = random.nextDouble();
        if (liveIds.size() < MIN_LIVE_ROWS || roll < 0.4) {
            return new Change("c", nextId++, number, number);
        }
        int id = liveIds.get(random.nextInt(liveIds.size()));
        return roll < 0.8 ? new Change("u", id, number, number) : new Change("d", id, rowSeq.get(id), number);
    }

    private void record(Change change) {
        switch (change.op()) {
            case "c" -> addLive(change.id(), change.seq());
            case "u" -> rowSeq.put(change.id(), change.seq());
            default -> removeLive(change.id());
        }
        ledger.add(new Committed(change.op(), change.id(), change.seq(), change.number(), System.nanoTime()));
        committed.incrementAndGet();
    }

    private void addLive(int id, long seq) {
        liveIndex.put(id, liveIds.size());
        liveIds.add(id);
        rowSeq.put(id, seq);
    }

    private void removeLive(int id) {
        int index = liveIndex.remove(id);
        int last = liveIds.remove(liveIds.size() - 1);
        if (last != id) {
            liveIds.set(index, last);
            liveIndex.put(last, index);
        }
        rowSeq.remove(id);
    }

    private Session reconnect() throws SQLException {
        Instant deadline = Instant.now().plus(RECONNECT_TIMEOUT);
        while (true) {
            try {
                return new Session(database.adminConnection(), table);
            } catch (SQLException notYet) {
                if (Instant.now().isAfter(deadline)) {
                    throw notYet;
                }
                Pause.between(Duration.ofMillis(100), "the database to accept connections again");
            }
        }
    }

    /** One connection with its prepared statements. */
    private static final class Session {
        private final Connection connection;
        private final PreparedStatement insert;
        private final PreparedStatement update;
        private final PreparedStatement delete;
        private final PreparedStatement read;

        Session(Connection connection, String table) throws SQLException {
            this.connection = connection;
            connection.setAutoCommit(true);
            insert = connection.prepareStatement("INSERT INTO " + table + " (id, seq, note) VALUES (?, ?, ?)");
            update = connection.prepareStatement("UPDATE " + table + " SET seq = ?, note = ? WHERE id = ?");
            delete = connection.prepareStatement("DELETE FROM " + table + " WHERE id = ?");
            read = connection.prepareStatement("SELECT seq FROM " + table + " WHERE id = ?");
        }

        void apply(Change change) throws SQLException {
            switch (change.op()) {
                case "c" -> {
                    insert.setInt(1, change.id());
                    insert.setLong(2, change.seq());
                    insert.setString(3, "created by change " + change.number());
                    insert.executeUpdate();
                }
                case "u" -> {
                    update.setLong(1, change.seq());
                    update.setString(2, "updated by change " + change.number());
                    update.setInt(3, change.id());
                    update.executeUpdate();
                }
                default -> {
                    delete.setInt(1, change.id());
                    delete.executeUpdate();
                }
            }
        }

        /** Whether a change whose statement was cut off committed, read from the database itself. */
        boolean committed(Change change) throws SQLException {
            read.setInt(1, change.id());
            try (ResultSet row = read.executeQuery()) {
                boolean exists = row.next();
                return "d".equals(change.op()) ? !exists : exists && row.getLong(1) == change.seq();
            }
        }

        void closeQuietly() {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // The connection is already gone with the fault.
            }
        }
    }
}
