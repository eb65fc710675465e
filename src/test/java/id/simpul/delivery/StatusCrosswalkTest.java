package id.simpul.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.simpul.canonical.CodeLists;
import id.simpul.mapping.Mappings;
import id.simpul.support.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Crosswalk files: local status → an OSS kd_status that OSS takes (PIA Lampiran 10). */
class StatusCrosswalkTest {

    @TempDir
    Path dir;

    @Test
    void aKdStatusOutsideLampiran10IsRefusedWhenTheFileIsRead() throws IOException {
        Files.createDirectories(dir.resolve("status"));
        Files.writeString(dir.resolve("status/custom-to-oss.json"),
                Fixtures.text("delivery/crosswalk-outside-lampiran-10.json"));
        StatusCrosswalk crosswalk = new StatusCrosswalk(new Mappings(dir));

        assertThatThrownBy(() -> crosswalk.map("status/custom-to-oss.json", "Proses", null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("kd_status 58")
                .hasMessageContaining("Lampiran 10");
    }

    @Test
    void theShippedCrosswalksOnlyUseLampiran10Codes() {
        StatusCrosswalk crosswalk = new StatusCrosswalk(new Mappings(Path.of("mappings")));

        for (String file : new String[] {"status/sicantik-to-oss.json", "status/backoffice-to-oss.json"}) {
            assertThat(crosswalk.rules(file)).isNotEmpty().allSatisfy(rule -> assertThat(
                    CodeLists.pia().label(CodeLists.STATUS_IZIN, rule.kdStatus())).as(file + " " + rule).isPresent());
        }
        assertThat(crosswalk.map("status/sicantik-to-oss.json", "Selesai", null))
                .contains(new StatusCrosswalk.Outcome("50", true));
    }
}
