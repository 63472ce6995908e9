package dev.mskcdc.localstack.signals;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SignalChannelTest {

    @Test
    void addedTablesJoinTheIncludeListAsExactExpressionsOnce() {
        assertThat(SignalChannel.withTables("shop\\.orders", List.of("shop.refunds", "shop.orders")))
                .isEqualTo("shop\\.orders,shop\\.refunds");
        assertThat(SignalChannel.withTables("", List.of("shop.refunds"))).isEqualTo("shop\\.refunds");
    }

    @Test
    void executeSnapshotSignalNamesOnlyTheAddedTablesIncrementally() throws Exception {
        JsonNode signal = new ObjectMapper().readTree(SignalChannel.executeSnapshot(List.of("shop.refunds")));

        assertThat(signal.path("type").asText()).isEqualTo("execute-snapshot");
        assertThat(signal.path("id").asText()).isNotBlank();
        assertThat(signal.path("data").path("type").asText()).isEqualTo("incremental");
        assertThat(signal.path("data").path("data-collections")).hasSize(1);
        assertThat(signal.path("data").path("data-collections").get(0).asText()).isEqualTo("shop.refunds");
    }
}
