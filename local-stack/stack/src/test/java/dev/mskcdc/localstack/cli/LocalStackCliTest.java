package dev.mskcdc.localstack.cli;

import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import dev.mskcdc.localstack.connect.WorkerHeap;
import dev.mskcdc.localstack.events.ChangeEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalStackCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void describesAnUpdateWithItsKeyBeforeAndAfter() throws Exception {
        ChangeEvent update = new ChangeEvent(
                "shop.inventory.customers",
                0,
                5,
                JSON.readTree("{\"id\":1}"),
                JSON.readTree("{\"op\":\"u\",\"before\":{\"id\":1,\"n\":\"a\"},\"after\":{\"id\":1,\"n\":\"b\"}}"),
                Map.of());

        assertThat(LocalStackCli.describe(update))
                .isEqualTo(
                        "shop.inventory.customers         update    key={\"id\":1} before={\"id\":1,\"n\":\"a\"} after={\"id\":1,\"n\":\"b\"}");
    }

    @Test
    void describesATombstone() throws Exception {
        ChangeEvent tombstone =
                new ChangeEvent("shop.inventory.customers", 0, 6, JSON.readTree("{\"id\":1}"), null, Map.of());

        assertThat(LocalStackCli.describe(tombstone))
                .isEqualTo("shop.inventory.customers         tombstone key={\"id\":1}");
    }

    @Test
    void optionsNeedNameEqualsValue() {
        assertThatThrownBy(() -> CliOptions.parse(new String[] {"up", "--database", "external"}))
                .hasMessageStartingWith("Cannot read option '--database'.");
    }

    @Test
    void anUnknownOptionIsRefusedWithTheUsage() {
        assertThatThrownBy(() -> CliOptions.parse(new String[] {"up", "--conect-port=8083"}))
                .hasMessageStartingWith("Unknown option '--conect-port'. Usage: local-stack.sh");
    }

    @Test
    void aPortMustBeANumber() {
        CliOptions options = CliOptions.parse(new String[] {"up", "--connect-port=abc"});

        assertThatThrownBy(() -> options.port("connect-port", 0))
                .hasMessage("--connect-port=abc is not a TCP port: give a number from 1 to 65535.");
    }

    @Test
    void externalDatabaseNeedsItsHost() {
        CliOptions options = CliOptions.parse(new String[] {"up", "--database=external"});

        assertThatThrownBy(() -> options.require("db-host"))
                .hasMessage("--db-host is required with --database=external");
    }

    @Test
    void theWorkerHeapIsAnOption() {
        assertThat(CliOptions.parse(new String[] {"up", "--worker-heap=4g"})
                        .workerHeap()
                        .size())
                .isEqualTo("4g");
        assertThat(CliOptions.parse(new String[] {"up"}).workerHeap()).isEqualTo(WorkerHeap.DEFAULT);
    }
}
