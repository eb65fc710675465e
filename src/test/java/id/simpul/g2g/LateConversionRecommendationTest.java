package id.simpul.g2g;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.simpul.mapping.Mappings;
import id.simpul.platform.json.Json;
import id.simpul.support.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A permit whose type needs a recommendation is asked about when its canonical form is stored, however
 * long after the ledger recorded it: here a mapping error holds it back for more than ten minutes, and
 * the operator's replay after the fix converts it.
 */
class LateConversionRecommendationTest extends G2gTestSupport {

    private static final String AGENCY = "dinas-pupr-banyuasin";
    /** The mappings of this hub: a copy, so a test can break one sender version's mapping and fix it. */
    private static Path mappings;

    @Autowired
    Mappings hubMappings;


    @DynamicPropertySource
    static void recommendationsAndOwnMappings(DynamicPropertyRegistry registry) {
        registry.add("simpul.g2g.recommendations.011000000001[0]", () -> AGENCY);
        mappings = copyOfMappings();
        registry.add("simpul.mappings-dir", mappings::toString);
    }

    @Test
    void aPermitConvertedLongAfterItWasRecordedGetsItsRequestOnceAndDoesNotHoldBackOthers() throws IOException {
        String lateNib = "9120301238001";
        String lateIzin = "I-202611210915008001001";
        // Sender version 9.9 gets a mapping whose output breaks the canonical schema: a permanent failure.
        Path broken = mappings.resolve("oss/receiveNIB/9.9.jslt");
        Files.writeString(broken, "{\"schema\": \"not-a-permit-message\"}");
        ossSender.receiveNib(permit(lateNib, lateIzin).replace("\"versi_pia\": \"4.3.22\"", "\"versi_pia\": \"9.9\""),
                lateNib);
        await().atMost(Duration.ofSeconds(30)).until(() -> state(lateNib), "DEAD_LETTERED"::equals);
        long lateId = ledgerId(lateNib);
        jdbc.sql("UPDATE sync_ledger SET received_at = :t WHERE id = :id")
                .param("t", Timestamp.from(Instant.now().minus(Duration.ofMinutes(11)))).param("id", lateId).update();

        String controlNib = "9120301238002";
        String controlIzin = "I-202611210915008002001";
        receive(permit(controlNib, controlIzin), controlNib);
        await().atMost(Duration.ofSeconds(30)).until(() -> requests(controlIzin), n -> n == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "SELECT position FROM g2g_cursor WHERE name = 'recommendations'").query(Long.class).single(),
                position -> position >= ledgerId(controlNib));
        assertThat(requests(lateIzin)).isZero();

        Files.delete(broken);
        // A file missing for a moment may be a save in progress; deleted for good, the default takes over.
        await().atMost(Duration.ofSeconds(30)).until(() -> hubMappings.select("oss/receiveNIB", "9.9").endsWith("default.jslt"));
        long deadLetter = jdbc.sql("SELECT id FROM dead_letter WHERE nib = :nib AND state = 'WAITING'")
                .param("nib", lateNib).query(Long.class).single();
        assertThat(ossSender.postAsAdmin("/api/v1/dead-letters/" + deadLetter + "/replay", "").statusCode())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> state(lateNib), "DELIVERED"::equals);

        assertThat(requests(lateIzin)).as("the late permit's request").isEqualTo(1);
        assertThat(jdbc.sql("SELECT agency_id FROM g2g_recommendation WHERE id_izin = :i").param("i", lateIzin)
                .query(String.class).single()).isEqualTo(AGENCY);
        assertThat(ossSender.get("/api/v1/trail?nib=" + lateNib).body()).contains("RECOMMENDATION_REQUESTED");
        assertThat(requests(controlIzin)).isEqualTo(1);
    }

    /**
     * Here for this class's own copy of the mappings (no other Spring context): a slip saved into a target
     * mapping of a running hub is refused, and a permit delivered meanwhile goes out with the last good
     * version instead of being dead-lettered.
     */
    @Test
    void aPermitDeliveredWhileItsTargetMappingIsBrokenGoesOutWithTheLastGoodVersion() throws IOException {
        String firstNib = "9120301238011";
        receive(permit(firstNib, "I-202611210915008011001"), firstNib);
        await().atMost(Duration.ofSeconds(30)).until(() -> state(firstNib), "DELIVERED"::equals);
        Path target = mappings.resolve("targets/sicantik-cloud.jslt");
        String good = Files.readString(target);
        FileTime saved = Files.getLastModifiedTime(target);
        try {
            Files.writeString(target, good.replaceFirst("\\{", "{ ,"));
            Files.setLastModifiedTime(target, FileTime.from(saved.toInstant().plusSeconds(60)));
            // The hub looks at the file again within a second; the refusal is then listed.
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                try {
                    hubMappings.applyFile("targets/sicantik-cloud.jslt", Json.MAPPER.createObjectNode());
                } catch (RuntimeException e) {
                    // the last good mapping, applied to nothing
                }
                return hubMappings.refusals().list().stream().anyMatch(r -> r.file().equals("targets/sicantik-cloud.jslt"));
            });

            String secondNib = "9120301238012";
            receive(permit(secondNib, "I-202611210915008012001"), secondNib);
            await().atMost(Duration.ofSeconds(30)).until(() -> state(secondNib), s -> s.equals("DELIVERED")
                    || s.equals("DEAD_LETTERED"));

            assertThat(state(secondNib)).isEqualTo("DELIVERED");
        } finally {
            Files.writeString(target, good);
            Files.setLastModifiedTime(target, FileTime.from(saved.toInstant().plusSeconds(120)));
        }
    }

    private long requests(String idIzin) {
        return jdbc.sql("SELECT COUNT(*) FROM g2g_recommendation WHERE id_izin = :i").param("i", idIzin)
                .query(Long.class).single();
    }

    private String state(String nib) {
        return jdbc.sql("SELECT state FROM sync_ledger WHERE nib = :nib").param("nib", nib)
                .query(String.class).optional().orElse("");
    }

    private long ledgerId(String nib) {
        return jdbc.sql("SELECT id FROM sync_ledger WHERE nib = :nib").param("nib", nib).query(Long.class).single();
    }

    private static String permit(String nib, String idIzin) {
        return Fixtures.text("oss/receiveNIB/perorangan-banyuasin.json").replace(BANYUASIN_NIB, nib)
                .replace(BANYUASIN_IZIN, idIzin);
    }

    private static Path copyOfMappings() {
        Path source = Path.of("mappings");
        try (Stream<Path> files = Files.walk(source)) {
            Path target = Files.createTempDirectory("simpul-mappings-");
            for (Path file : (Iterable<Path>) files::iterator) {
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
