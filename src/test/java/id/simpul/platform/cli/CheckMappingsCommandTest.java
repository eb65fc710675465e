package id.simpul.platform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import id.simpul.delivery.StatusCrosswalk;
import id.simpul.mapping.Mappings;
import id.simpul.platform.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check-mappings}: a mapping saved with an error into a running hub's folder dead-letters every permit of
 * its family until it is fixed, so an integrator checks an edited copy first. The repository's own mappings
 * must pass, so that CI catches a broken shipped mapping.
 */
class CheckMappingsCommandTest {

    private static final Path FIXTURES = Path.of("src/test/resources/fixtures/mappings");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path temp;

    private int run(String... args) {
        return CommandCatalogue.mappingCheck(Clock.fixed(Instant.parse("2026-11-30T01:00:00Z"), ZoneOffset.UTC),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theRepositorysOwnMappingsPassWithTheShippedSamples() {
        int code = run("--mappings-dir", "mappings");

        assertThat(out()).doesNotContain("FAILED")
                .contains("compile oss/receiveNIB/default.jslt: ok")
                .contains("compile lib/common.jslt: ok")
                .contains("compile backsync/izinstatus.jslt: ok")
                .contains("crosswalk status/sicantik-to-oss.json (")
                .contains("sample oss/receiveNIB/perorangan.json -> oss/receiveNIB/default.jslt: ok")
                .contains("sample oss/receiveNIBSTPW/waralaba.json -> oss/receiveNIBSTPW/default.jslt: ok")
                .contains("sample oss/receiveNIB/perorangan.json -> targets/sicantik-cloud.jslt: ok")
                .contains("sample oss/receiveNIB/perorangan.json -> targets/manual-entry.jslt: ok")
                .doesNotContain("not run");
        assertThat(code).as(out()).isZero();
    }

    @Test
    void theOfficesOwnPermitMappingIsCompiledAndRunOnItsSamplesAgainstTheLocalPermitSchema() throws IOException {
        int shipped = run("--mappings-dir", "mappings");
        assertThat(out()).contains("compile sicantik/izin-daerah.jslt: ok")
                .contains("sample sicantik/izin-daerah/reklame-selesai.json -> sicantik/izin-daerah.jslt: ok")
                .contains("sample sicantik/izin-daerah/sip-bidan-proses.json -> sicantik/izin-daerah.jslt: ok");
        assertThat(shipped).as(out()).isZero();

        out.reset();
        Path copy = copyOfMappings();
        Path file = copy.resolve("sicantik/izin-daerah.jslt");
        Files.writeString(file, Files.readString(file).replace("\"kdDaerah\": c:text($i.kd_daerah),", ""));

        assertThat(run("--mappings-dir", copy.toString())).isEqualTo(1);
        assertThat(out()).containsPattern("sample sicantik/izin-daerah/sip-bidan-proses\\.json -> sicantik/izin-daerah\\.jslt:"
                        + " FAILED: .*breaks canonical schema local-permit\\.v1: .*kdDaerah")
                .doesNotContain("1607015508900000");
    }

    @Test
    void aSyntaxErrorNamesTheFileAndLineWithoutAStackTrace() throws IOException {
        Path copy = copyOfMappings();
        Path file = copy.resolve("targets/sicantik-cloud.jslt");
        Files.writeString(file, Files.readString(file).replaceFirst("\\{", "{ ,"));

        int code = run("--mappings-dir", copy.toString());

        assertThat(code).isEqualTo(1);
        assertThat(out()).containsPattern("compile targets/sicantik-cloud\\.jslt: FAILED: .*Parse error.*"
                        + " at targets/sicantik-cloud\\.jslt:\\d+:\\d+\\n")
                .contains("compile targets/sicantik-backoffice.jslt: ok")
                .contains("-> targets/sicantik-cloud.jslt: FAILED")
                .doesNotContain("Was expecting").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aSyntaxErrorInTheSharedFunctionsNamesThatFile() throws IOException {
        Path copy = copyOfMappings();
        Files.writeString(copy.resolve("lib/common.jslt"), "def text(v)\n  if ($v == null) null else\n");

        int code = run("--mappings-dir", copy.toString());

        assertThat(code).isEqualTo(1);
        assertThat(out()).containsPattern("compile lib/common\\.jslt: FAILED: .*Parse error.* at lib/common\\.jslt:2:")
                .containsPattern("compile oss/receiveNIB/default\\.jslt: FAILED: .*common\\.jslt:2:");
    }

    @Test
    void aMappingWhoseOutputBreaksTheSchemaNamesTheSampleAndTheSchemaError() throws IOException {
        Path copy = copyOfMappings();
        // The samples are PIA 4.3.22: a 4.3.jslt beside default.jslt is the one the hub would select for them.
        Files.copy(FIXTURES.resolve("schema-breaking/oss/receiveNIB/4.3.jslt"), copy.resolve("oss/receiveNIB/4.3.jslt"));

        int code = run("--mappings-dir", copy.toString());

        assertThat(code).isEqualTo(1);
        assertThat(out()).containsPattern("sample oss/receiveNIB/perorangan\\.json -> oss/receiveNIB/4\\.3\\.jslt: FAILED:"
                + " breaks canonical schema permit-message\\.v1: .*required property 'source' not found")
                .contains("compile oss/receiveNIB/4.3.jslt: ok");
    }

    @Test
    void aFailureAtRunTimeLeavesTheSamplesPersonalDataOut() throws IOException {
        Path copy = copyOfMappings();
        Files.writeString(copy.resolve("oss/receiveNIB/default.jslt"),
                "{ \"nik\": number(.dataNIB.penanggung_jwb[0].no_identitas_penanggung_jwb + \"x\") }\n");

        int code = run("--mappings-dir", copy.toString());

        assertThat(code).isEqualTo(1);
        assertThat(out()).contains("sample oss/receiveNIB/perorangan.json -> oss/receiveNIB/default.jslt: FAILED: mapping"
                        + " oss/receiveNIB/default.jslt failed: ")
                .doesNotContain("1607111204780000").doesNotContain("160711120478");
    }

    @Test
    void aBrokenCrosswalkIsNamed() throws IOException {
        Path copy = copyOfMappings();
        Files.copy(FIXTURES.resolve("failing/status/missing-comma.json"), copy.resolve("status/sicantik-to-oss.json"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        int code = run("--mappings-dir", copy.toString());

        assertThat(code).isEqualTo(1);
        assertThat(out()).contains("crosswalk status/sicantik-to-oss.json: FAILED: crosswalk status/sicantik-to-oss.json"
                + " is not valid JSON at line: ");
    }

    /**
     * A file that fails is not necessarily failing permits: the hub runs its last good copy, also after a restart.
     * Given the hub's data folder, the check says which failing file the hub has a copy of and which it has not.
     */
    @Test
    void withTheHubsDataFolderAFailingFileSaysWhetherTheHubRunsItsLastGoodCopy() throws IOException {
        Path copy = copyOfMappings();
        Path dataDir = temp.resolve("data");
        Mappings hub = new Mappings(copy, Clock.fixed(Instant.parse("2026-11-29T22:00:00Z"), ZoneOffset.UTC), dataDir);
        hub.applyFile("targets/sicantik-cloud.jslt", Json.tree("{}"));
        new StatusCrosswalk(hub).map("status/sicantik-to-oss.json", "Selesai", null);
        Path target = copy.resolve("targets/sicantik-cloud.jslt");
        Files.writeString(target, Files.readString(target).replaceFirst("\\{", "{ ,"));
        Files.writeString(copy.resolve("targets/sicantik-backoffice.jslt"), "{ ,\n");
        Files.copy(FIXTURES.resolve("failing/status/missing-comma.json"), copy.resolve("status/sicantik-to-oss.json"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        int code = run("--mappings-dir", copy.toString(), "--data-dir", dataDir.toString());

        assertThat(code).isEqualTo(1);
        assertThat(out()).contains("targets/sicantik-cloud.jslt: the hub of " + dataDir + " runs its last good copy"
                        + " (saved 2026-11-29T22:00:00Z) in its place, after a restart too, and reports the file refused")
                .contains("status/sicantik-to-oss.json: the hub of " + dataDir + " runs its last good copy")
                .contains("targets/sicantik-backoffice.jslt: no last good copy in " + dataDir
                        + ": the hub fails every permit or poll that needs it")
                .doesNotContain("targets/manual-entry.jslt: no last good copy");
        assertThat(run("--mappings-dir", copy.toString(), "--data-dir", temp.resolve("none").toString())).isEqualTo(2);
        assertThat(err()).contains("no data folder");
    }

    @Test
    void samplesElsewhereAreTheOnesRun() throws IOException {
        Path samples = temp.resolve("captured/oss/receiveNIB");
        Files.createDirectories(samples);
        Files.copy(Path.of("mappings/samples/oss/receiveNIB/badan-usaha.json"), samples.resolve("kantor.json"));

        int code = run("--mappings-dir", "mappings", "--samples", temp.resolve("captured").toString());

        assertThat(code).as(out()).isZero();
        assertThat(out()).contains("sample oss/receiveNIB/kantor.json -> oss/receiveNIB/default.jslt: ok")
                .doesNotContain("perorangan.json")
                .contains("oss/receiveNIBSTPW/default.jslt: not run, no sample selects it");
    }

    @Test
    void aSampleThatIsNoPushFailsByName() throws IOException {
        Path samples = temp.resolve("captured/oss/receiveNIB");
        Files.createDirectories(samples);
        Files.writeString(samples.resolve("broken.json"), "{\"dataNIB\": ");

        int code = run("--mappings-dir", "mappings", "--samples", temp.resolve("captured").toString());

        assertThat(code).isEqualTo(1);
        assertThat(out()).contains("sample oss/receiveNIB/broken.json: FAILED: Body bukan JSON yang valid");
    }

    @Test
    void badArgumentsExitWithTwo() throws IOException {
        assertThat(run("--mapping-dir", "mappings")).isEqualTo(2);
        assertThat(run("--mappings-dir")).isEqualTo(2);
        assertThat(run("--mappings-dir", temp.resolve("nowhere").toString())).isEqualTo(2);
        assertThat(run("--mappings-dir", "mappings", "--samples", temp.toString())).isEqualTo(2);
        assertThat(err()).contains("unknown option --mapping-dir").contains("option --mappings-dir needs a value")
                .contains("no mappings folder").contains("no sample pushes in").contains("usage: java -jar simpul.jar check-mappings");
        assertThat(out()).isEmpty();
    }

    private Path copyOfMappings() throws IOException {
        Path copy = temp.resolve("mappings");
        Path from = Path.of("mappings");
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path to = copy.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        return copy;
    }
}
