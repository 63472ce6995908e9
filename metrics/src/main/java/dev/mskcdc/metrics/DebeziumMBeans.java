package dev.mskcdc.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.InstanceNotFoundException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.ReflectionException;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;

import org.apache.kafka.common.utils.Sanitizer;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

/**
 * Reads Debezium MySQL's metrics MBeans of one connector ({@code server=<topic.prefix>}) from the worker's
 * platform MBean server, in-process: no JMX port. Only numeric and boolean attributes are read; attributes
 * that can carry row data or positions (LastEvent, SourceEventPosition, LastTransactionId, chunk bounds)
 * never are.
 */
final class DebeziumMBeans {

    static final String CONTEXT_STREAMING = "streaming";
    static final String CONTEXT_SNAPSHOT = "snapshot";
    static final String CONTEXT_SCHEMA_HISTORY = "schema-history";

    private static final String[] STREAMING = {
        "MilliSecondsBehindSource",
        "MilliSecondsBehindSourceP50",
        "MilliSecondsBehindSourceP95",
        "MilliSecondsBehindSourceP99",
        "TotalNumberOfEventsSeen",
        "MilliSecondsSinceLastEvent",
        "Connected",
        "QueueRemainingCapacity",
        "QueueTotalCapacity"
    };
    private static final String[] SNAPSHOT = {
        "SnapshotRunning",
        "SnapshotCompleted",
        "SnapshotAborted",
        "TotalTableCount",
        "RemainingTableCount",
        "RowsScanned"
    };
    private static final String[] SCHEMA_HISTORY = {"Status"};

    private final MBeanServer server;
    private final ObjectName pattern;

    DebeziumMBeans(MBeanServer server, String topicPrefix) {
        this.server = server;
        this.pattern = pattern(topicPrefix);
    }

    /** Debezium's name: debezium.mysql:type=connector-metrics,context=...,server=<jmx-sanitized prefix>[,custom tags]. */
    static ObjectName pattern(String topicPrefix) {
        try {
            return new ObjectName(
                    "debezium.mysql:type=connector-metrics,server=" + Sanitizer.jmxSanitize(topicPrefix) + ",*");
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException("topic.prefix '" + topicPrefix + "' does not form a JMX name", e);
        }
    }

    /** The readings of every context currently registered; empty while the connector's task is not running. */
    List<Reading> read() {
        List<Reading> readings = new ArrayList<>();
        for (ObjectName name : server.queryNames(pattern, null)) {
            String context = name.getKeyProperty("context");
            if (CONTEXT_STREAMING.equals(context)) {
                streaming(attributes(name, STREAMING), readings);
            } else if (CONTEXT_SNAPSHOT.equals(context)) {
                snapshot(attributes(name, SNAPSHOT), readings);
            } else if (CONTEXT_SCHEMA_HISTORY.equals(context)) {
                schemaHistory(attributes(name, SCHEMA_HISTORY), readings);
            }
        }
        return readings;
    }

    /** The names of the registered MBeans, for a log line. */
    Set<ObjectName> names() {
        return server.queryNames(pattern, null);
    }

    private Map<String, Object> attributes(ObjectName name, String[] attributes) {
        Map<String, Object> values = new HashMap<>();
        try {
            AttributeList list = server.getAttributes(name, attributes);
            for (Attribute attribute : list.asList()) {
                values.put(attribute.getName(), attribute.getValue());
            }
        } catch (InstanceNotFoundException | ReflectionException e) {
            // Unregistered between query and read (the task stopped): nothing to report for it.
        }
        return values;
    }

    private static void streaming(Map<String, Object> values, List<Reading> readings) {
        // -1 (Debezium's "no event yet") is not a lag: leave the metric out rather than plot -1.
        nonNegative(values, "MilliSecondsBehindSource", StandardUnit.MILLISECONDS, readings);
        nonNegative(values, "MilliSecondsBehindSourceP50", StandardUnit.MILLISECONDS, readings);
        nonNegative(values, "MilliSecondsBehindSourceP95", StandardUnit.MILLISECONDS, readings);
        nonNegative(values, "MilliSecondsBehindSourceP99", StandardUnit.MILLISECONDS, readings);
        nonNegative(values, "MilliSecondsSinceLastEvent", StandardUnit.MILLISECONDS, readings);
        nonNegative(values, "TotalNumberOfEventsSeen", StandardUnit.COUNT, readings);
        nonNegative(values, "QueueRemainingCapacity", StandardUnit.COUNT, readings);
        nonNegative(values, "QueueTotalCapacity", StandardUnit.COUNT, readings);
        flag(values, "Connected", "StreamingConnected", readings);
    }

    private static void snapshot(Map<String, Object> values, List<Reading> readings) {
        flag(values, "SnapshotRunning", "SnapshotRunning", readings);
        flag(values, "SnapshotCompleted", "SnapshotCompleted", readings);
        flag(values, "SnapshotAborted", "SnapshotAborted", readings);
        nonNegative(values, "TotalTableCount", StandardUnit.COUNT, readings);
        nonNegative(values, "RemainingTableCount", StandardUnit.COUNT, readings);
        Object rows = values.get("RowsScanned");
        if (rows instanceof TabularData table) {
            readings.add(new Reading("RowsScanned", sumOfValues(table), StandardUnit.COUNT));
        }
    }

    private static void schemaHistory(Map<String, Object> values, List<Reading> readings) {
        Object status = values.get("Status");
        if (status != null) {
            // SchemaHistoryMetrics.SchemaHistoryStatus: STOPPED, RECOVERING, RUNNING.
            readings.add(
                    new Reading("SchemaHistoryRecovering", "RECOVERING".equals(status) ? 1 : 0, StandardUnit.NONE));
            readings.add(new Reading("SchemaHistoryRunning", "RUNNING".equals(status) ? 1 : 0, StandardUnit.NONE));
        }
    }

    /** An MXBean Map<String, Long> arrives as TabularData of (key, value) rows: the per-table row counts. */
    private static double sumOfValues(TabularData table) {
        double sum = 0;
        for (Object row : table.values()) {
            Object value = ((CompositeData) row).get("value");
            if (value instanceof Number number) {
                sum += number.doubleValue();
            }
        }
        return sum;
    }

    private static void nonNegative(
            Map<String, Object> values, String attribute, StandardUnit unit, List<Reading> readings) {
        Object value = values.get(attribute);
        if (value instanceof Number number && number.doubleValue() >= 0 && !Double.isNaN(number.doubleValue())) {
            readings.add(new Reading(attribute, number.doubleValue(), unit));
        }
    }

    private static void flag(Map<String, Object> values, String attribute, String metric, List<Reading> readings) {
        Object value = values.get(attribute);
        if (value instanceof Boolean bool) {
            readings.add(new Reading(metric, bool ? 1 : 0, StandardUnit.NONE));
        }
    }
}
