package id.simpul.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import id.simpul.platform.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The office's own permit mapping (sicantik/izin-daerah.jslt) is reloaded and kept like every mapping: an edit is
 * used, a broken save is refused while the last good version runs, and after a restart too.
 */
class LocalPermitMappingReloadTest {

    private static final String FILE = LocalPermitMapping.FILE;
    private static final long SECOND = 1_000_000_000L;

    @TempDir
    Path root;
    @TempDir
    Path dataDir;

    private final AtomicLong nanos = new AtomicLong();
    private JsonNode item;

    @BeforeEach
    void copyOfTheRepositorysMappings() throws IOException {
        Files.createDirectories(root.resolve("lib"));
        Files.createDirectories(root.resolve("sicantik"));
        Files.copy(Path.of("mappings/lib/common.jslt"), root.resolve("lib/common.jslt"));
        Files.copy(Path.of("mappings", FILE), root.resolve(FILE));
        item = Json.tree(Files.readString(Path.of("mappings/samples/sicantik/izin-daerah/sip-bidan-proses.json")));
    }

    private Mappings hub() {
        return new Mappings(root, nanos::get, dataDir);
    }

    private String status(Mappings mappings) {
        return LocalPermitMapping.map(mappings, item, "banyuasin").at("/permit/status").asText();
    }

    private void edit(String text) throws IOException {
        Path p = root.resolve(FILE);
        FileTime before = Files.getLastModifiedTime(p);
        Files.writeString(p, text);
        Files.setLastModifiedTime(p, FileTime.from(before.toInstant().plusSeconds(60)));
        nanos.addAndGet(2 * SECOND);
    }

    @Test
    void anEditIsUsedABrokenSaveIsRefusedAndTheLastGoodVersionRunsAcrossARestart() throws IOException {
        Mappings hub = hub();
        assertThat(status(hub)).isEqualTo("IN_PROCESS");
        String good = Files.readString(root.resolve(FILE));

        // Say a region decides that what is in process counts as issued: the saved edit is used.
        String edited = good.replace("else \"IN_PROCESS\"", "else \"ISSUED\"");
        edit(edited);
        assertThat(status(hub)).isEqualTo("ISSUED");
        assertThat(hub.refusals().list()).isEmpty();

        edit(edited.replace("\"schema\": \"simpul.local-permit\",", "\"schema\": \"simpul.local-permit\" ,,"));
        assertThat(status(hub)).isEqualTo("ISSUED");
        assertThat(hub.refusals().list()).singleElement().satisfies(r -> assertThat(r.file()).isEqualTo(FILE));

        Mappings restarted = hub();
        assertThat(restarted.refusals().list()).singleElement().satisfies(r -> assertThat(r.file()).isEqualTo(FILE));
        assertThat(status(restarted)).isEqualTo("ISSUED");
    }
}
