package id.simpul.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import id.simpul.platform.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Integrators edit mappings on a running hub, shared functions in {@code lib/common.jslt} included: an edit
 * to a file that is only imported must reach the mappings importing it, as an edit to them does.
 */
class MappingReloadTest {

    private static final long SECOND = 1_000_000_000L;

    @TempDir
    Path root;

    private final AtomicLong nanos = new AtomicLong();
    private Mappings mappings;
    private final JsonNode input = Json.tree("{\"name\":\"  Siti  \"}");

    @BeforeEach
    void folder() throws IOException {
        Files.createDirectories(root.resolve("lib"));
        Files.createDirectories(root.resolve("oss/receiveNIB"));
        Files.writeString(root.resolve("lib/common.jslt"), "def label(v) \"old:\" + $v\n");
        Files.writeString(root.resolve("oss/receiveNIB/default.jslt"),
                "import \"../../lib/common.jslt\" as c\n{\"label\": c:label(.name)}\n");
        mappings = new Mappings(root, nanos::get);
    }

    @Test
    void anEditToAnImportedFileIsUsedOnceTheRecheckIsDue() throws IOException {
        assertThat(label()).isEqualTo("old:  Siti  ");

        edit("lib/common.jslt", "def label(v) \"new:\" + trim($v)\n", 60);
        nanos.addAndGet(SECOND);

        assertThat(label()).isEqualTo("new:Siti");
    }

    @Test
    void filesAreNotLookedAtAgainWithinASecond() throws IOException {
        assertThat(label()).isEqualTo("old:  Siti  ");

        edit("lib/common.jslt", "def label(v) \"new:\" + trim($v)\n", 60);
        nanos.addAndGet(SECOND / 2);
        assertThat(label()).isEqualTo("old:  Siti  ");

        nanos.addAndGet(SECOND / 2);
        assertThat(label()).isEqualTo("new:Siti");
    }

    @Test
    void anEditToTheMappingItselfIsStillUsed() throws IOException {
        assertThat(label()).isEqualTo("old:  Siti  ");

        edit("oss/receiveNIB/default.jslt", "import \"../../lib/common.jslt\" as c\n{\"label\": c:label(\"x\")}\n", 60);
        nanos.addAndGet(SECOND);

        assertThat(label()).isEqualTo("old:x");
    }

    @Test
    void anEditTwoImportsAwayIsUsedToo() throws IOException {
        // receiveNIBKKPR imports receiveNIB's mapping, which imports lib/common.jslt.
        Files.createDirectories(root.resolve("oss/receiveNIBKKPR"));
        Files.writeString(root.resolve("oss/receiveNIBKKPR/default.jslt"),
                "import \"../receiveNIB/default.jslt\" as receiveNIB\nreceiveNIB(.)\n");
        assertThat(mappings.apply("oss/receiveNIBKKPR", null, input).path("label").asText()).isEqualTo("old:  Siti  ");

        edit("lib/common.jslt", "def label(v) \"new:\" + trim($v)\n", 60);
        nanos.addAndGet(SECOND);

        assertThat(mappings.apply("oss/receiveNIBKKPR", null, input).path("label").asText()).isEqualTo("new:Siti");
    }

    /**
     * A slip saved into a running hub's folder dead-letters each permit with this message, which the dead
     * letters, the trail and the console show: one line with the file and position, as check-mappings says it,
     * not JSLT's list of every token it expected. The fix is used at the next recheck.
     */
    @Test
    void aSavedSyntaxErrorFailsInOneLineNamingItsPositionAndTheFixIsUsed() throws IOException {
        assertThat(label()).isEqualTo("old:  Siti  ");

        edit("oss/receiveNIB/default.jslt", "import \"../../lib/common.jslt\" as c\n{\"label\": c:label(.name}\n", 60);
        nanos.addAndGet(SECOND);

        assertThatThrownBy(this::label).isInstanceOf(MappingException.class)
                .satisfies(e -> assertThat(e.getMessage())
                        .startsWith("cannot compile mapping oss/receiveNIB/default.jslt: Parse error")
                        .contains(" at oss/receiveNIB/default.jslt:2:")
                        .doesNotContain("Was expecting")
                        .doesNotContain("\n"));

        edit("oss/receiveNIB/default.jslt", "import \"../../lib/common.jslt\" as c\n{\"label\": c:label(.name)}\n", 120);
        nanos.addAndGet(SECOND);
        assertThat(label()).isEqualTo("old:  Siti  ");
    }

    private String label() {
        return mappings.apply("oss/receiveNIB", null, input).path("label").asText();
    }

    /** Rewrites a file with a later modification time, so that no test waits for the clock to tick. */
    private void edit(String file, String text, long secondsLater) throws IOException {
        Path p = root.resolve(file);
        FileTime before = Files.getLastModifiedTime(p);
        Files.writeString(p, text);
        Files.setLastModifiedTime(p, FileTime.from(before.toInstant().plusSeconds(secondsLater)));
    }
}
