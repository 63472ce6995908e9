package dev.mskcdc.metrics;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * MXBeans registered under Debezium MySQL's names with the attribute names of Debezium 3.6.1's MXBean
 * interfaces (StreamingMetricsMXBean, StreamingStatisticsMXBean, CommonEventMetricsMXBean, QueueMetricsMXBean,
 * ConnectionMetricsMXBean, SnapshotMetricsMXBean, SchemaHistoryMXBean), for component tests. The packaging
 * module's end-to-end test reads the real ones.
 */
final class FakeDebeziumMBeans implements AutoCloseable {

    /** A row value as Debezium's LastEvent attribute can show it: it must never be published or logged. */
    static final String ROW_VALUE = "row-value-alice@example.com";

    public interface StreamingMXBean {
        long getMilliSecondsBehindSource();

        Double getMilliSecondsBehindSourceP50();

        Double getMilliSecondsBehindSourceP95();

        Double getMilliSecondsBehindSourceP99();

        long getTotalNumberOfEventsSeen();

        long getMilliSecondsSinceLastEvent();

        boolean isConnected();

        int getQueueRemainingCapacity();

        int getQueueTotalCapacity();

        String getLastEvent();

        Map<String, String> getSourceEventPosition();
    }

    public interface SnapshotMXBean {
        boolean getSnapshotRunning();

        boolean getSnapshotCompleted();

        boolean getSnapshotAborted();

        int getTotalTableCount();

        int getRemainingTableCount();

        Map<String, Long> getRowsScanned();
    }

    public interface SchemaHistoryMXBean {
        String getStatus();
    }

    public static final class Streaming implements StreamingMXBean {
        volatile long lag = 1500;
        volatile long eventsSeen = 10;

        public long getMilliSecondsBehindSource() {
            return lag;
        }

        public Double getMilliSecondsBehindSourceP50() {
            return 1000.0;
        }

        public Double getMilliSecondsBehindSourceP95() {
            return 1900.0;
        }

        public Double getMilliSecondsBehindSourceP99() {
            return null;
        }

        public long getTotalNumberOfEventsSeen() {
            return eventsSeen;
        }

        public long getMilliSecondsSinceLastEvent() {
            return 250;
        }

        public boolean isConnected() {
            return true;
        }

        public int getQueueRemainingCapacity() {
            return 8000;
        }

        public int getQueueTotalCapacity() {
            return 8192;
        }

        public String getLastEvent() {
            return ROW_VALUE;
        }

        public Map<String, String> getSourceEventPosition() {
            return Map.of("file", "mysql-bin.000003");
        }
    }

    public static final class Snapshot implements SnapshotMXBean {
        volatile boolean running = true;

        public boolean getSnapshotRunning() {
            return running;
        }

        public boolean getSnapshotCompleted() {
            return !running;
        }

        public boolean getSnapshotAborted() {
            return false;
        }

        public int getTotalTableCount() {
            return 3;
        }

        public int getRemainingTableCount() {
            return running ? 1 : 0;
        }

        public Map<String, Long> getRowsScanned() {
            Map<String, Long> rows = new LinkedHashMap<>();
            rows.put("shop.customers", 120L);
            rows.put("shop.orders", 30L);
            return rows;
        }
    }

    public static final class SchemaHistory implements SchemaHistoryMXBean {
        public String getStatus() {
            return "RUNNING";
        }
    }

    final Streaming streaming = new Streaming();
    final Snapshot snapshot = new Snapshot();
    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final ObjectName[] names;

    FakeDebeziumMBeans(String topicPrefix) throws Exception {
        names = new ObjectName[] {
            name(topicPrefix, "streaming"), name(topicPrefix, "snapshot"), name(topicPrefix, "schema-history")
        };
        server.registerMBean(streaming, names[0]);
        server.registerMBean(snapshot, names[1]);
        server.registerMBean(new SchemaHistory(), names[2]);
    }

    private static ObjectName name(String topicPrefix, String context) throws Exception {
        return new ObjectName("debezium.mysql:type=connector-metrics,context=" + context + ",server=" + topicPrefix);
    }

    @Override
    public void close() throws Exception {
        for (ObjectName name : names) {
            server.unregisterMBean(name);
        }
    }
}
