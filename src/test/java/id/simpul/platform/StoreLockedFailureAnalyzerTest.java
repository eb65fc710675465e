package id.simpul.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.h2.mvstore.MVStoreException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A second hub started on the data folder of a running one (java -jar simpul.jar in the same folder)
 * stopped with a 150-line stack trace whose last Caused by read "The file is locked: …/simpul.mv.db".
 * The start-up report must say that another hub holds the store and what to do.
 */
class StoreLockedFailureAnalyzerTest {

    @Test
    void aStoreHeldByAnotherHubIsReportedWithTheFolderAndWhatToDo() {
        MVStoreException locked = new MVStoreException(7, "The file is locked: /srv/simpul/data/store/simpul.mv.db [2.3.232/7]");

        FailureAnalysis analysis = new StoreLockedFailureAnalyzer()
                .analyze(new IllegalStateException("Failed to initialize pool", new RuntimeException(locked)));

        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).contains("/srv/simpul/data/store/simpul.mv.db").contains("another");
        assertThat(analysis.getAction()).contains("simpul.data-dir").contains("server.port");
    }

    @Test
    void otherStoreFailuresAreLeftToSpringBoot() {
        MVStoreException corrupt = new MVStoreException(6, "File corrupted in chunk 12");

        assertThat(new StoreLockedFailureAnalyzer().analyze(new IllegalStateException(corrupt))).isNull();
    }
}
