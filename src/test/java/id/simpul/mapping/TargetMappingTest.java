package id.simpul.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.simpul.platform.json.Json;
import id.simpul.support.Fixtures;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What each shipped target mapping tells the office about the kind of application a permit version is. */
class TargetMappingTest {

    private static final Mappings MAPPINGS = new Mappings(Path.of("mappings"));

    @ParameterizedTest(name = "{0}: version {1}, document {2} -> {3}")
    @CsvSource(nullValues = "-", value = {
            "targets/sicantik-cloud.jslt,       1, ORIGINAL,     Baru",
            "targets/sicantik-cloud.jslt,       1, -,            Baru",
            "targets/sicantik-cloud.jslt,       2, UPDATE,       Perubahan",
            "targets/sicantik-cloud.jslt,       2, ORIGINAL,     Perubahan",
            "targets/sicantik-cloud.jslt,       2, -,            Perubahan",
            "targets/sicantik-cloud.jslt,       3, REVOCATION,   Pencabutan",
            "targets/sicantik-cloud.jslt,       1, CANCELLATION, Pembatalan",
            "targets/sicantik-backoffice.jslt,  1, ORIGINAL,     Baru",
            "targets/sicantik-backoffice.jslt,  2, UPDATE,       Perubahan",
            "targets/sicantik-backoffice.jslt,  2, REVOCATION,   Pencabutan",
            "targets/manual-entry.jslt,         1, -,            Baru",
            "targets/manual-entry.jslt,         2, ORIGINAL,     Perubahan",
            "targets/manual-entry.jslt,         2, CANCELLATION, Pembatalan"})
    void theApplicationKindFollowsTheDocumentTypeAndTheVersion(String mapping, int version, String documentType,
                                                               String jenisPermohonan) {
        ObjectNode permit = (ObjectNode) Json.tree(Fixtures.text("delivery/canonical-permit-banyuasin.json"));
        ObjectNode source = (ObjectNode) permit.get("source");
        source.put("version", version);
        source.put("documentType", documentType);

        JsonNode request = MAPPINGS.applyFile(mapping, permit);

        assertThat(request.path("jenis_permohonan").asText()).isEqualTo(jenisPermohonan);
        // The office finds the permit it already holds by OSS's id, whatever the kind.
        assertThat(request.path("id_izin_oss").asText()).isEqualTo("I-202611210915001234567");
    }
}
