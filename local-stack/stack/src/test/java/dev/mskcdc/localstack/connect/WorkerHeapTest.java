package dev.mskcdc.localstack.connect;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkerHeapTest {

    @Test
    void takesTheJvmNotationInEitherCase() {
        assertThat(WorkerHeap.parse("--worker-heap", "2G").jvmOptions()).containsExactly("-Xms256m", "-Xmx2g");
        assertThat(WorkerHeap.parse("--worker-heap", "1536m").size()).isEqualTo("1536m");
    }

    @Test
    void theDefaultIsOneGibibyte() {
        assertThat(WorkerHeap.DEFAULT.jvmOptions()).containsExactly("-Xms256m", "-Xmx1g");
    }

    @Test
    void aSizeNeedsItsUnit() {
        assertThatThrownBy(() -> WorkerHeap.parse("-Dmskcdc.worker.heap", "4096"))
                .hasMessage("-Dmskcdc.worker.heap=4096 is not a heap size: give a number with the unit k, m or g,"
                        + " as for java -Xmx (e.g. 1g, 1536m).");
    }

    @Test
    void aHeapBelowTheInitialHeapIsRefused() {
        assertThatThrownBy(() -> WorkerHeap.parse("--worker-heap", "128m"))
                .hasMessage("--worker-heap=128m is below the worker's initial heap of 256m: give at least 256m.");
    }
}
