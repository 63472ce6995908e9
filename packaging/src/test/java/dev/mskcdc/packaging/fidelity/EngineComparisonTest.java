package dev.mskcdc.packaging.fidelity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** doc/type-fidelity-engines.md is the comparison of the two engines' generated matrices, as they are now. */
class EngineComparisonTest {

    private static final Path DOCS = Path.of("doc");

    @Test
    void shippedComparisonIsTheOneRenderedFromBothMatrices() throws IOException {
        String generated = EngineComparison.render(
                Files.readString(DOCS.resolve(EngineComparison.MYSQL_DOC)),
                Files.readString(DOCS.resolve(EngineComparison.MARIADB_DOC)));
        Path shipped = DOCS.resolve(EngineComparison.DOC);
        if (Boolean.getBoolean("mskcdc.fidelity.update")) {
            Files.writeString(shipped, generated);
        }
        assertThat(Files.readString(shipped))
                .as("%s is stale: rerun with -Dmskcdc.fidelity.update=true", shipped.toAbsolutePath())
                .isEqualTo(generated);
    }

    @Test
    void aCellListsThePathsThatAreNotExact() {
        String doc = "**reference**: 2 cells\n**anchor**: 2 cells\n"
                + "## Reference configuration\n\n"
                + "| column | type | snapshot | insert | update from NULL | update to NULL | delete | primary key change |"
                + " first difference | reason |\n"
                + "|---|---|---|---|---|---|---|---|---|---|\n"
                + "| t.a | `INT` | exact | **changed** | exact | exact | exact | **failed** | x | y |\n"
                + "## Anchor: defaults\n\n"
                + "| t.a | `INT` | exact | exact | exact | exact | exact | exact | |\n";

        assertThat(EngineComparison.rows(doc, "## Reference configuration")
                        .get("t.a")
                        .summary())
                .isEqualTo("**changed**: insert; **failed**: primary key change");
        assertThat(EngineComparison.rows(doc, "## Anchor:").get("t.a").summary())
                .isEqualTo("exact");
        assertThat(EngineComparison.totals(doc, "anchor")).isEqualTo("2 cells");
    }
}
