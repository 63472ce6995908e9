package dev.mskcdc.packaging.fidelity;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.mskcdc.localstack.LocalStack;
import dev.mskcdc.localstack.config.ConnectorSpec;
import dev.mskcdc.localstack.connector.RunningConnector;
import dev.mskcdc.localstack.events.ChangeEvent;
import dev.mskcdc.localstack.events.ChangeEventConsumer;
import dev.mskcdc.localstack.junit.LocalStackExtension;
import dev.mskcdc.localstack.process.LocalStackException;
import dev.mskcdc.localstack.process.Pause;
import dev.mskcdc.packaging.fidelity.Column.Edge;
import dev.mskcdc.packaging.fidelity.Matrix.ValuePath;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The type-fidelity matrix: every column type family x edge value x path (snapshot, insert, update from and
 * to NULL, delete, primary-key change), run on the ZIP in the local stack by two connectors at once over the
 * same database: the reference configuration as shipped, and the anchor (Debezium's and Connect's defaults,
 * see {@link #anchorSpec}). Expected values are read from the database; each type has one decoding
 * ({@link Decoding}). The table it produces is the shipped doc/type-fidelity.md (packaging/doc/; on MariaDB,
 * -Dmskcdc.database=mariadb, doc/type-fidelity-mariadb.md), checked
 * here for staleness: rewrite it with {@code -Dmskcdc.fidelity.update=true}.
 *
 * <p>Also the five inputs of issue 8, each with its right value: NULL in a column with a DEFAULT, BIGINT
 * UNSIGNED above 2^63-1 in the key, TRUNCATE, rows over 1 MB, and the transforms README's decimal filter.
 */
@ExtendWith(LocalStackExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TypeFidelityIT {

    private static final String DATABASE = "fidelity";
    private static final String REFERENCE = "fidref";
    private static final String ANCHOR = "fidanchor";
    private static final Duration WAIT = Duration.ofMinutes(3);
    /** The engine this run captures from (-Dmskcdc.database): each has its own shipped doc. */
    private static final FidelityDoc.Engine ENGINE =
            FidelityDoc.Engine.of(System.getProperty("mskcdc.database", "mysql"));

    private static final java.nio.file.Path SHIPPED_DOC = java.nio.file.Path.of("doc", ENGINE.docFile());
    private static final java.nio.file.Path GENERATED_DOC = java.nio.file.Path.of("target", ENGINE.docFile());
    /** Reference connector settings the anchor leaves out: the data-fidelity block of connector.properties. */
    static final List<String> DATA_SETTINGS = List.of(
            "decimal.handling.mode",
            "bigint.unsigned.handling.mode",
            "enable.time.adjuster",
            "skipped.operations",
            "topic.creation.default.max.message.bytes");
    /** Row ids: edge rows of the snapshot, and of the stream (inserted after the snapshot). */
    private static final int[] SNAPSHOT_IDS = {1, 2, 3, 4};

    private static final int[] STREAM_IDS = {11, 12, 13, 14};
    private static final int KEY_CHANGE_OFFSET = 100;
    private static final String ORDERS_CONDITION = "op in ('c', 'r') and after.total >= 100.50";

    private static LocalStack stack;
    /** The two connectors by topic prefix, each with its consumer. */
    private static final Map<String, RunningConnector> connectors = new LinkedHashMap<>();

    private static final Map<String, Matrix> matrices = new LinkedHashMap<>();
    /** Expected values per table and row id, read at the moment each image was written. */
    private static final Map<String, Map<ValuePath, Map<String, Map<Integer, Map<String, Expected>>>>> expected =
            new HashMap<>();

    @BeforeAll
    static void runTheMatrix(LocalStack localStack) {
        stack = localStack;
        createSchemaAndSnapshotRows();
        Map<String, Map<Integer, Map<String, Expected>>> snapshot = readAll(SNAPSHOT_IDS);
        connectors.put(
                REFERENCE, stack.startConnector(withOrdersFilter(referenceSpec()), RunningConnector.Await.RUNNING));
        connectors.put(ANCHOR, stack.startConnector(withOrdersFilter(anchorSpec()), RunningConnector.Await.RUNNING));
        // The orders filter may drop the snapshot's last record: the snapshot is complete once every table's rows are
        // in.
        for (String prefix : connectors.keySet()) {
            events(prefix)
                    .pollUntil(
                            all -> MatrixTables.TABLES.stream()
                                    .allMatch(table ->
                                            count(all, topic(prefix, table.name()), "r") >= SNAPSHOT_IDS.length),
                            WAIT);
        }

        runStreamingPaths(snapshot);
        int perTable = 29; // 4 r, 4 c, 4 u, 4 d + 4 tombstones, key change: 3 d + 3 tombstones + 3 c
        try {
            for (String prefix : connectors.keySet()) {
                events(prefix)
                        .pollUntil(
                                all -> MatrixTables.TABLES.stream()
                                        .allMatch(table -> onTopic(all, topic(prefix, table.name()))
                                                        .size()
                                                >= perTable),
                                WAIT);
            }
        } catch (LocalStackException incomplete) {
            // Cells whose events never came are reported as failed, with the connector's status below.
            System.out.println("Matrix events incomplete: " + incomplete.getMessage());
        }
        for (String prefix : List.of(REFERENCE, ANCHOR)) {
            matrices.put(prefix, evaluate(prefix));
        }
    }

    @AfterAll
    static void removeConnectors() {
        connectors.values().forEach(RunningConnector::close);
    }

    private static ChangeEventConsumer events(String prefix) {
        return connectors.get(prefix).events();
    }

    // ----------------------------------------------------------------------------------------------------
    // The matrix

    @Test
    @Order(1)
    void everyCellIsExactOrDocumentedUnderTheReferenceConfiguration() throws IOException {
        Matrix reference = matrices.get(REFERENCE);
        Files.createDirectories(GENERATED_DOC.getParent());
        Files.writeString(GENERATED_DOC, FidelityDoc.render(ENGINE, reference, matrices.get(ANCHOR)));
        System.out.println(
                FidelityDoc.totals("reference", reference) + "\n" + FidelityDoc.totals("anchor", matrices.get(ANCHOR)));

        List<String> undocumented = reference.inexactColumns().stream()
                .filter(key -> !FidelityDoc.REASONS.containsKey(key))
                .toList();
        assertThat(undocumented)
                .as(
                        "columns with changed or failed cells and no documented reason; see %s",
                        GENERATED_DOC.toAbsolutePath())
                .isEmpty();
        List<String> staleReasons = FidelityDoc.REASONS.keySet().stream()
                .filter(key -> !reference.inexactColumns().contains(key))
                .toList();
        assertThat(staleReasons)
                .as("documented reasons for columns that are exact now")
                .isEmpty();
    }

    @Test
    @Order(2)
    void shippedDocIsTheGeneratedOne() throws IOException {
        String generated = FidelityDoc.render(ENGINE, matrices.get(REFERENCE), matrices.get(ANCHOR));
        if (Boolean.getBoolean("mskcdc.fidelity.update")) {
            Files.writeString(SHIPPED_DOC, generated);
            return; // the ZIP under test was built from the old text; the next run checks it
        }
        assertThat(Files.readString(SHIPPED_DOC))
                .as("%s is stale: rerun this IT with -Dmskcdc.fidelity.update=true", SHIPPED_DOC.toAbsolutePath())
                .isEqualTo(generated);
        assertThat(Files.readString(stack.pluginRoot().resolve("doc/" + ENGINE.docFile())))
                .as("the ZIP's doc/" + ENGINE.docFile())
                .isEqualTo(generated);
    }

    // ----------------------------------------------------------------------------------------------------
    // The five inputs of the issue

    @Test
    @Order(3)
    void nullInAColumnWithADefaultArrivesAsNull() {
        Map<Integer, String> database = textsOf("SELECT id, CAST(c AS CHAR) FROM fidelity.inputs_default");
        assertThat(database).containsEntry(1, null).containsEntry(2, null).containsEntry(3, null);
        List<ChangeEvent> reference = awaitOn(topic(REFERENCE, "inputs_default"), 4);

        assertThat(find(reference, "r", 1).orElseThrow().after().get("c").isNull())
                .isTrue();
        assertThat(find(reference, "c", 2).orElseThrow().after().get("c").isNull())
                .isTrue();
        ChangeEvent update = find(reference, "u", 3).orElseThrow();
        assertThat(update.before().get("c").asText()).isEqualTo(expectedUpdateBefore);
        assertThat(update.after().get("c").isNull()).isTrue();
        // What the reference settings fix: Connect's JsonConverter writes the DEFAULT for a null.
        ChangeEvent anchorUpdate =
                find(awaitOn(topic(ANCHOR, "inputs_default"), 4), "u", 3).orElseThrow();
        assertThat(anchorUpdate.after().get("c").asInt()).isEqualTo(42);
    }

    @Test
    @Order(3)
    void bigintUnsignedAboveLongArrivesExactInKeyAndValue() {
        List<ChangeEvent> reference = awaitOn(topic(REFERENCE, "inputs_unsigned"), 3);

        List<String> keys = reference.stream()
                .map(event -> event.keyPayload().get("id"))
                .map(id -> id.isIntegralNumber() ? id.bigIntegerValue().toString() : id.toString())
                .sorted()
                .toList();
        List<String> afters = reference.stream()
                .map(event -> event.after().get("id").bigIntegerValue().toString())
                .sorted()
                .toList();
        List<String> rows = textColumn("SELECT CAST(id AS CHAR) FROM fidelity.inputs_unsigned").stream()
                .sorted()
                .toList();
        assertThat(rows).contains("18446744073709551615");
        assertThat(keys).isEqualTo(rows);
        assertThat(afters).isEqualTo(rows);
        List<ChangeEvent> anchor = awaitOn(topic(ANCHOR, "inputs_unsigned"), 3);
        assertThat(anchor)
                .extracting(event -> event.keyPayload().get("id").asText())
                .contains("-1");
    }

    @Test
    @Order(3)
    void truncateReachesConsumers() {
        List<ChangeEvent> reference = events(REFERENCE)
                .pollUntil(
                        all -> find(onTopic(all, topic(REFERENCE, "inputs_truncate")), "c", 3)
                                .isPresent(),
                        WAIT)
                .stream()
                .filter(event -> event.topic().equals(topic(REFERENCE, "inputs_truncate")))
                .toList();
        assertThat(reference).extracting(ChangeEvent::op).containsExactly("r", "r", "t", "c");
        ChangeEvent truncate = reference.get(2);
        assertThat(truncate.key()).isNull();
        assertThat(truncate.value().path("source").path("table").asText()).isEqualTo("inputs_truncate");
        assertThat(textColumn("SELECT CAST(id AS CHAR) FROM fidelity.inputs_truncate"))
                .containsExactly("3");
        // Debezium's default skips it: the anchor's consumers never learn that rows 1 and 2 are gone.
        List<ChangeEvent> anchor = events(ANCHOR)
                .pollUntil(
                        all -> find(onTopic(all, topic(ANCHOR, "inputs_truncate")), "c", 3)
                                .isPresent(),
                        WAIT)
                .stream()
                .filter(event -> event.topic().equals(topic(ANCHOR, "inputs_truncate")))
                .toList();
        assertThat(anchor).extracting(ChangeEvent::op).containsExactly("r", "r", "c");
    }

    @Test
    @Order(3)
    void readmeDecimalFilterComparesNumerically() {
        List<String> passing =
                textColumn("SELECT CAST(id AS CHAR) FROM fidelity.inputs_orders WHERE total >= 100.50 ORDER BY id");
        assertThat(passing).hasSizeGreaterThanOrEqualTo(3).doesNotContain("1", "2");
        int marker = Integer.parseInt(passing.get(passing.size() - 1));
        for (String prefix : List.of(REFERENCE, ANCHOR)) {
            String orders = topic(prefix, "inputs_orders");
            List<ChangeEvent> kept =
                    events(prefix)
                            .pollUntil(
                                    all -> find(onTopic(all, orders), "c", marker)
                                            .isPresent(),
                                    WAIT)
                            .stream()
                            .filter(event -> event.topic().equals(orders))
                            .toList();
            assertThat(kept)
                    .as(prefix)
                    .extracting(event -> event.keyPayload().get("id").asText())
                    .isEqualTo(passing);
        }
        assertThat(stack.worker()
                        .rest()
                        .status(REFERENCE)
                        .path("tasks")
                        .get(0)
                        .path("state")
                        .asText())
                .isEqualTo("RUNNING");
    }

    @Test
    @Order(4)
    void rowsUpToEightMegabytesArrive() {
        stack.database()
                .execute(
                        "INSERT INTO fidelity.inputs_large VALUES (1, REPEAT('x', 2000000))",
                        "INSERT INTO fidelity.inputs_large VALUES (2, REPEAT('y', 8388608))",
                        "UPDATE fidelity.inputs_large SET body = REPEAT('z', 8388608) WHERE id = 2");
        Map<Integer, String> digests = textsOf("SELECT id, MD5(body) FROM fidelity.inputs_large");
        String large = topic(REFERENCE, "inputs_large");
        List<ChangeEvent> received =
                events(REFERENCE)
                        .pollUntil(all -> find(onTopic(all, large), "u", 2).isPresent(), WAIT)
                        .stream()
                        .filter(event -> event.topic().equals(large))
                        .toList();

        assertThat(md5(find(received, "c", 1).orElseThrow().after().get("body").textValue()))
                .isEqualTo(digests.get(1));
        ChangeEvent update = find(received, "u", 2).orElseThrow();
        assertThat(update.before().get("body").textValue()).hasSize(8388608).matches("y+");
        assertThat(md5(update.after().get("body").textValue())).isEqualTo(digests.get(2));
        // Under the defaults the 2,000,000-character row stops the anchor's task: every table stops with it.
        JsonNode anchorTask = awaitTaskState(ANCHOR, "FAILED");
        assertThat(anchorTask.path("trace").asText()).contains("RecordTooLargeException");
    }

    /**
     * Above the documented size, the reference chain's last transform (EventSizeLimit) stops the task
     * before the producer sees the record: the task's error trace (REST status) names the table, the row
     * key, the measured size, the limit and the settings to raise. The 17 MB insert is under the limit;
     * its update carries the row twice and is over it.
     */
    @Test
    @Order(5)
    void rowAboveTheLimitStopsTheTaskNamingTableRowKeyAndSettings() {
        // The server's own limit on a statement's strings, so that one row can exceed 32 MB; read by new connections.
        stack.database().execute("SET GLOBAL max_allowed_packet = 67108864");
        stack.database()
                .execute(
                        "INSERT INTO fidelity.inputs_large VALUES (3, REPEAT('v', 17000000))",
                        "UPDATE fidelity.inputs_large SET body = REPEAT('w', 17000000) WHERE id = 3");
        long rowLength =
                Long.parseLong(textColumn("SELECT CAST(LENGTH(body) AS CHAR) FROM fidelity.inputs_large WHERE id = 3")
                        .get(0));
        JsonNode task = awaitTaskState(REFERENCE, "FAILED");
        String trace = task.path("trace").asText();
        Matcher error = Pattern.compile("EventSizeLimit: the change of table 'fidelity\\.inputs_large' with row key "
                        + "Struct\\{id=3\\} is (\\d+) bytes as JSON \\(key and value\\), above the limit of 33554432 bytes "
                        + "\\(max\\.bytes\\)\\. Nothing was written for this row")
                .matcher(trace);
        assertThat(error.find()).as(trace).isTrue();
        // Before and after images each hold the whole row, as the database measures it.
        assertThat(Long.parseLong(error.group(1))).isGreaterThan(2 * rowLength).isGreaterThan(33554432L);
        assertThat(trace)
                .contains("raise together the worker's producer.max.request.size, the connector's "
                        + "topic.creation.default.max.message.bytes")
                .contains("this transform's max.bytes")
                .doesNotContain("RecordTooLargeException");
    }

    // ----------------------------------------------------------------------------------------------------
    // Connector configurations

    /** The reference connector configuration as shipped (etc/msk/connector.properties + the local overlay). */
    private static ConnectorSpec referenceSpec() {
        return ConnectorSpec.of(REFERENCE, REFERENCE, DATABASE, DATABASE + "\\..*");
    }

    /**
     * The anchor: the same connector without the reference data settings ({@link #DATA_SETTINGS}, so
     * Debezium's defaults apply), and the converters as Connect's JsonConverter has them by default with
     * schemaless JSON (schemas.enable=false and nothing else: replace.null.with.default=true,
     * decimal.format=BASE64), set on the connector, which replaces the worker's converter settings. The
     * producer limits are Kafka's defaults (max.request.size 1 MB, buffer.memory 32 MB).
     */
    static ConnectorSpec anchorSpec() {
        ConnectorSpec spec = ConnectorSpec.of(ANCHOR, ANCHOR, DATABASE, DATABASE + "\\..*");
        assertThat(stack.connectorConfig(spec))
                .as("the reference data settings the anchor removes")
                .containsKeys(DATA_SETTINGS.toArray(String[]::new));
        for (String setting : DATA_SETTINGS) {
            spec = spec.without(setting);
        }
        return spec.with("key.converter", "org.apache.kafka.connect.json.JsonConverter")
                .with("key.converter.schemas.enable", "false")
                .with("value.converter", "org.apache.kafka.connect.json.JsonConverter")
                .with("value.converter.schemas.enable", "false")
                .with("producer.override.max.request.size", "1048576")
                .with("producer.override.buffer.memory", "33554432");
    }

    /** The transforms README's example condition, applied only to the orders input table. */
    private static ConnectorSpec withOrdersFilter(ConnectorSpec spec) {
        return spec.with("transforms", stack.connectorConfig(spec).get("transforms") + ",orders")
                .with("transforms.orders.type", "dev.mskcdc.transforms.filter.ChangeFilter")
                .with("transforms.orders.condition", ORDERS_CONDITION)
                .with("transforms.orders.predicate", "isOrders")
                .with("predicates", "isOrders")
                .with("predicates.isOrders.type", "org.apache.kafka.connect.transforms.predicates.TopicNameMatches")
                .with("predicates.isOrders.pattern", ".*\\.inputs_orders");
    }

    // ----------------------------------------------------------------------------------------------------
    // Schema, rows and paths

    private static String expectedUpdateBefore;

    private static void createSchemaAndSnapshotRows() {
        List<String> statements = new ArrayList<>(List.of("SET SESSION sql_mode = ''", "SET time_zone = '+00:00'"));
        for (MatrixTables.Table table : MatrixTables.TABLES) {
            statements.add("CREATE TABLE " + qualified(table.name()) + " (id INT PRIMARY KEY, "
                    + table.columns().stream().map(Column::ddl).collect(Collectors.joining(", ")) + ")");
            statements.add(insert(table, SNAPSHOT_IDS));
        }
        statements.addAll(List.of(
                "CREATE TABLE fidelity.inputs_default (id INT PRIMARY KEY, c INT NULL DEFAULT 42)",
                "INSERT INTO fidelity.inputs_default VALUES (1, NULL)",
                "CREATE TABLE fidelity.inputs_unsigned (id BIGINT UNSIGNED PRIMARY KEY)",
                "INSERT INTO fidelity.inputs_unsigned VALUES (18446744073709551615)",
                "CREATE TABLE fidelity.inputs_truncate (id INT PRIMARY KEY)",
                "INSERT INTO fidelity.inputs_truncate VALUES (1), (2)",
                "CREATE TABLE fidelity.inputs_orders (id INT PRIMARY KEY, total DECIMAL(12,2))",
                "INSERT INTO fidelity.inputs_orders VALUES (1, 7.90), (2, 99.00), (3, 100.50), (4, 250.00)",
                "CREATE TABLE fidelity.inputs_large (id INT PRIMARY KEY, body LONGTEXT)"));
        stack.database().recreateDatabase(DATABASE, statements.toArray(String[]::new));
    }

    /** Insert, update from NULL, update to NULL, delete, primary-key change; expected images read around each. */
    private static void runStreamingPaths(Map<String, Map<Integer, Map<String, Expected>>> snapshot) {
        List<String> inserts = new ArrayList<>(List.of("SET SESSION sql_mode = ''", "SET time_zone = '+00:00'"));
        MatrixTables.TABLES.forEach(table -> inserts.add(insert(table, STREAM_IDS)));
        stack.database().execute(inserts.toArray(String[]::new));
        Map<String, Map<Integer, Map<String, Expected>>> inserted = readAll(STREAM_IDS);

        stack.database()
                .execute(statementsForAllTables(table -> "UPDATE " + qualified(table.name()) + " dst JOIN "
                        + qualified(table.name()) + " src ON src.id = " + STREAM_IDS[1] + " SET "
                        + writable(table).stream()
                                .map(c -> "dst." + c.name() + " = src." + c.name())
                                .collect(Collectors.joining(", "))
                        + " WHERE dst.id = " + STREAM_IDS[3]));
        Map<String, Map<Integer, Map<String, Expected>>> fromNull = readAll(STREAM_IDS[3]);

        stack.database()
                .execute(statementsForAllTables(table -> "UPDATE " + qualified(table.name()) + " SET "
                        + writable(table).stream()
                                .map(c -> c.name() + " = NULL")
                                .collect(Collectors.joining(", "))
                        + " WHERE id IN (" + STREAM_IDS[0] + ", " + STREAM_IDS[1] + ", " + STREAM_IDS[2] + ")"));
        Map<String, Map<Integer, Map<String, Expected>>> toNull = readAll(STREAM_IDS[0], STREAM_IDS[1], STREAM_IDS[2]);
        Map<String, Map<Integer, Map<String, Expected>>> beforeDelete = readAll(STREAM_IDS);

        stack.database()
                .execute(statementsForAllTables(
                        table -> "DELETE FROM " + qualified(table.name()) + " WHERE id IN (" + ids(STREAM_IDS) + ")"));
        stack.database()
                .execute(statementsForAllTables(table -> "UPDATE " + qualified(table.name()) + " SET id = id + "
                        + KEY_CHANGE_OFFSET + " WHERE id IN (1, 2, 3)"));
        Map<String, Map<Integer, Map<String, Expected>>> keyChanged = readAll(101, 102, 103);

        remember(ValuePath.SNAPSHOT, "after", snapshot);
        remember(ValuePath.INSERT, "after", inserted);
        remember(ValuePath.UPDATE_FROM_NULL, "before", inserted);
        remember(ValuePath.UPDATE_FROM_NULL, "after", fromNull);
        remember(ValuePath.UPDATE_TO_NULL, "before", inserted);
        remember(ValuePath.UPDATE_TO_NULL, "after", toNull);
        remember(ValuePath.DELETE, "before", beforeDelete);
        remember(ValuePath.KEY_CHANGE, "before", snapshot);
        remember(ValuePath.KEY_CHANGE, "after", keyChanged);

        expectedUpdateBefore = null;
        stack.database().execute("INSERT INTO fidelity.inputs_default (id, c) VALUES (2, NULL), (3, 7)");
        expectedUpdateBefore = textsOf("SELECT id, CAST(c AS CHAR) FROM fidelity.inputs_default WHERE id = 3")
                .get(3);
        stack.database()
                .execute(
                        "UPDATE fidelity.inputs_default SET c = NULL WHERE id = 3",
                        "INSERT INTO fidelity.inputs_unsigned VALUES (18446744073709551614), (9223372036854775808)",
                        "TRUNCATE TABLE fidelity.inputs_truncate",
                        "INSERT INTO fidelity.inputs_truncate VALUES (3)",
                        "INSERT INTO fidelity.inputs_orders VALUES (5, 100.49), (6, 1000.00), (7, 100.50)");
    }

    private static final Map<String, Map<String, Map<Integer, Map<String, Expected>>>> images = new HashMap<>();

    private static void remember(ValuePath path, String image, Map<String, Map<Integer, Map<String, Expected>>> rows) {
        images.put(path.name() + "." + image, rows);
    }

    private static Map<Integer, Map<String, Expected>> image(ValuePath path, String image, String table) {
        return images.get(path.name() + "." + image).get(table);
    }

    // ----------------------------------------------------------------------------------------------------
    // Evaluation

    private static Matrix evaluate(String prefix) {
        Matrix matrix = new Matrix();
        for (MatrixTables.Table table : MatrixTables.TABLES) {
            List<ChangeEvent> received = onTopic(events(prefix).received(), topic(prefix, table.name()));
            for (Column column : table.columns()) {
                for (Edge edge : Edge.values()) {
                    int snapshotId = SNAPSHOT_IDS[edge.ordinal()];
                    int streamId = STREAM_IDS[edge.ordinal()];
                    compare(
                            matrix,
                            table,
                            column,
                            ValuePath.SNAPSHOT,
                            edge,
                            received,
                            "r",
                            snapshotId,
                            "after",
                            snapshotId);
                    compare(matrix, table, column, ValuePath.INSERT, edge, received, "c", streamId, "after", streamId);
                    compare(matrix, table, column, ValuePath.DELETE, edge, received, "d", streamId, "before", streamId);
                    if (edge == Edge.NULL) {
                        compare(
                                matrix,
                                table,
                                column,
                                ValuePath.UPDATE_FROM_NULL,
                                edge,
                                received,
                                "u",
                                streamId,
                                "before",
                                streamId);
                        compare(
                                matrix,
                                table,
                                column,
                                ValuePath.UPDATE_FROM_NULL,
                                edge,
                                received,
                                "u",
                                streamId,
                                "after",
                                streamId);
                    } else {
                        compare(
                                matrix,
                                table,
                                column,
                                ValuePath.UPDATE_TO_NULL,
                                edge,
                                received,
                                "u",
                                streamId,
                                "before",
                                streamId);
                        compare(
                                matrix,
                                table,
                                column,
                                ValuePath.UPDATE_TO_NULL,
                                edge,
                                received,
                                "u",
                                streamId,
                                "after",
                                streamId);
                        int newId = snapshotId + KEY_CHANGE_OFFSET;
                        compare(
                                matrix,
                                table,
                                column,
                                ValuePath.KEY_CHANGE,
                                edge,
                                received,
                                "d",
                                snapshotId,
                                "before",
                                snapshotId);
                        compare(
                                matrix,
                                table,
                                column,
                                ValuePath.KEY_CHANGE,
                                edge,
                                received,
                                "c",
                                newId,
                                "after",
                                newId);
                    }
                }
            }
        }
        return matrix;
    }

    private static void compare(
            Matrix matrix,
            MatrixTables.Table table,
            Column column,
            ValuePath path,
            Edge edge,
            List<ChangeEvent> received,
            String op,
            int eventId,
            String image,
            int rowId) {
        Optional<ChangeEvent> event = find(received, op, eventId);
        if (event.isEmpty()) {
            matrix.missing(table.name(), column, path, "'" + op + "' event for id " + eventId);
            return;
        }
        JsonNode field =
                ("after".equals(image) ? event.get().after() : event.get().before()).path(column.name());
        Expected value = image(path, image, table.name()).get(rowId).get(column.name());
        matrix.check(table.name(), column, path, image, edge, field, value);
    }

    // ----------------------------------------------------------------------------------------------------
    // Database reads and SQL

    private static Map<String, Map<Integer, Map<String, Expected>>> readAll(int... ids) {
        Map<String, Map<Integer, Map<String, Expected>>> rows = new HashMap<>();
        try (Connection connection = stack.database().adminConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("SET time_zone = '+00:00'");
            for (MatrixTables.Table table : MatrixTables.TABLES) {
                rows.put(table.name(), read(statement, table, ids));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading expected values failed: " + e.getMessage(), e);
        }
        return rows;
    }

    private static Map<Integer, Map<String, Expected>> read(Statement statement, MatrixTables.Table table, int[] ids)
            throws SQLException {
        StringBuilder select = new StringBuilder("SELECT id");
        for (Column column : table.columns()) {
            select.append(", ")
                    .append(column.textExpression())
                    .append(", HEX(")
                    .append(column.name())
                    .append("), ")
                    .append(column.name());
        }
        select.append(" FROM ")
                .append(qualified(table.name()))
                .append(" WHERE id IN (")
                .append(ids(ids))
                .append(")");
        Map<Integer, Map<String, Expected>> rows = new HashMap<>();
        try (ResultSet result = statement.executeQuery(select.toString())) {
            while (result.next()) {
                Map<String, Expected> row = new HashMap<>();
                int position = 2;
                for (Column column : table.columns()) {
                    String text = result.getString(position);
                    String hex = result.getString(position + 1);
                    Float floatValue = column.decoding() == Decoding.FLOAT
                            ? nullable(result, position + 2, result.getFloat(position + 2))
                            : null;
                    Double doubleValue = column.decoding() == Decoding.DOUBLE
                            ? nullable(result, position + 2, result.getDouble(position + 2))
                            : null;
                    row.put(column.name(), new Expected(text, hex, floatValue, doubleValue));
                    position += 3;
                }
                rows.put(result.getInt(1), row);
            }
        }
        return rows;
    }

    private static <T> T nullable(ResultSet result, int position, T value) throws SQLException {
        return result.wasNull() ? null : value;
    }

    private static String insert(MatrixTables.Table table, int[] ids) {
        List<Column> columns = writable(table);
        StringBuilder sql = new StringBuilder("INSERT INTO ")
                .append(qualified(table.name()))
                .append(" (id, ")
                .append(columns.stream().map(Column::name).collect(Collectors.joining(", ")))
                .append(") VALUES ");
        for (Edge edge : Edge.values()) {
            sql.append(edge.ordinal() == 0 ? "" : ", ")
                    .append("(")
                    .append(ids[edge.ordinal()])
                    .append(", ")
                    .append(columns.stream()
                            .map(column -> column.edgeValue(edge))
                            .collect(Collectors.joining(", ")))
                    .append(")");
        }
        return sql.toString();
    }

    private static String[] statementsForAllTables(java.util.function.Function<MatrixTables.Table, String> statement) {
        List<String> statements = new ArrayList<>(List.of("SET SESSION sql_mode = ''", "SET time_zone = '+00:00'"));
        MatrixTables.TABLES.forEach(table -> statements.add(statement.apply(table)));
        return statements.toArray(String[]::new);
    }

    private static List<Column> writable(MatrixTables.Table table) {
        return table.columns().stream().filter(column -> !column.isGenerated()).toList();
    }

    private static Map<Integer, String> textsOf(String query) {
        Map<Integer, String> values = new HashMap<>();
        try (Connection connection = stack.database().adminConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(query)) {
            while (result.next()) {
                values.put(result.getInt(1), result.getString(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(query + " failed: " + e.getMessage(), e);
        }
        return values;
    }

    private static List<String> textColumn(String query) {
        List<String> values = new ArrayList<>();
        try (Connection connection = stack.database().adminConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(query)) {
            while (result.next()) {
                values.add(result.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(query + " failed: " + e.getMessage(), e);
        }
        return values;
    }

    private static String qualified(String table) {
        return DATABASE + "." + table;
    }

    private static String ids(int... ids) {
        return java.util.Arrays.stream(ids).mapToObj(Integer::toString).collect(Collectors.joining(", "));
    }

    // ----------------------------------------------------------------------------------------------------
    // Events

    private static String topic(String prefix, String table) {
        return prefix + "." + DATABASE + "." + table;
    }

    private static List<ChangeEvent> onTopic(List<ChangeEvent> all, String topic) {
        return all.stream().filter(event -> event.topic().equals(topic)).toList();
    }

    private static long count(List<ChangeEvent> all, String topic, String op) {
        return onTopic(all, topic).stream()
                .filter(event -> op.equals(event.op()))
                .count();
    }

    /** The first {@code count} events on {@code topic} ({@code <prefix>.fidelity.<table>}), read by its connector. */
    private static List<ChangeEvent> awaitOn(String topic, int count) {
        ChangeEventConsumer events = events(topic.substring(0, topic.indexOf('.')));
        return onTopic(events.pollUntil(all -> onTopic(all, topic).size() >= count, WAIT), topic);
    }

    /** The event with this operation whose key's id is {@code id} (keys compared by their decimal text). */
    private static Optional<ChangeEvent> find(List<ChangeEvent> received, String op, long id) {
        String wanted = BigInteger.valueOf(id).toString();
        return received.stream()
                .filter(event -> op.equals(event.op())
                        && event.keyPayload() != null
                        && wanted.equals(event.keyPayload().path("id").asText()))
                .findFirst();
    }

    private static JsonNode awaitTaskState(String connector, String state) {
        Instant deadline = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(deadline)) {
            JsonNode task =
                    stack.worker().rest().status(connector).path("tasks").path(0);
            if (state.equals(task.path("state").asText())) {
                return task;
            }
            Pause.between(Duration.ofMillis(500), "task of " + connector + " to reach " + state);
        }
        throw new AssertionError("Task of " + connector + " did not reach " + state + ": "
                + stack.worker().rest().status(connector));
    }

    private static String md5(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
