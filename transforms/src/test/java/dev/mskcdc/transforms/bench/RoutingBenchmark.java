package dev.mskcdc.transforms.bench;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.debezium.transforms.ByLogicalTableRouter;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.transforms.RegexRouter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import dev.mskcdc.transforms.DebeziumRecords;
import dev.mskcdc.transforms.routing.TopicRouter;

/** Routing one Debezium create, decision cached (steady state): rename, and shard merge with a key field. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RoutingBenchmark extends FloorsBenchmark {

    private static final String SHARD_REGEX = "shop\\.inventory\\.orders_(\\d+)";

    private SourceRecord shardCreate;
    private final TopicRouter<SourceRecord> topicRouter = new TopicRouter<>();
    private final TopicRouter<SourceRecord> topicRouterShard = new TopicRouter<>();
    private final RegexRouter<SourceRecord> regexRouter = new RegexRouter<>();
    private final ByLogicalTableRouter<SourceRecord> logicalRouter = new ByLogicalTableRouter<>();
    private final ByLogicalTableRouter<SourceRecord> logicalRouterShard = new ByLogicalTableRouter<>();

    @Setup
    public void setUp() {
        record = DebeziumRecords.orders().create(42, "paid");
        shardCreate = new DebeziumRecords("shop", "inventory", "orders_12").create(42, "paid");
        topicRouter.configure(Map.of("replacement", "${db}.${table}"));
        regexRouter.configure(Map.of("regex", "shop\\.([^.]+)\\.([^.]+)", "replacement", "$1.$2"));
        logicalRouter.configure(Map.of(
                "topic.regex",
                "shop\\.([^.]+)\\.([^.]+)",
                "topic.replacement",
                "$1.$2",
                "key.enforce.uniqueness",
                "false"));
        topicRouterShard.configure(Map.of(
                "regex",
                "(?<prefix>shop)\\.(?<db>inventory)\\.(?<table>orders)_(?<shard>\\d+)",
                "replacement",
                "${prefix}.${db}.${table}",
                "shard.key.field",
                "__shard"));
        logicalRouterShard.configure(Map.of(
                "topic.regex",
                SHARD_REGEX,
                "topic.replacement",
                "shop.inventory.orders",
                "key.field.name",
                "__shard",
                "key.field.regex",
                SHARD_REGEX,
                "key.field.replacement",
                "$1"));
    }

    @Benchmark
    public SourceRecord renameTopicRouter() {
        return topicRouter.apply(record);
    }

    @Benchmark
    public SourceRecord renameKafkaRegexRouter() {
        return regexRouter.apply(record);
    }

    @Benchmark
    public SourceRecord renameDebeziumByLogicalTableRouter() {
        return logicalRouter.apply(record);
    }

    @Benchmark
    public SourceRecord shardMergeTopicRouter() {
        return topicRouterShard.apply(shardCreate);
    }

    @Benchmark
    public SourceRecord shardMergeDebeziumByLogicalTableRouter() {
        return logicalRouterShard.apply(shardCreate);
    }
}
