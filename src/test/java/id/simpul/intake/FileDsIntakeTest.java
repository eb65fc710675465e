package id.simpul.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import id.simpul.platform.json.Json;
import id.simpul.support.Fixtures;
import id.simpul.support.HubTestSupport;
import id.simpul.support.OssSender;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** receiveFileDS: where OSS keeps the signed permit, stored once per URL and shown in the permit's trail. */
class FileDsIntakeTest extends HubTestSupport {

    private static final String FIXTURE_NIB = "9120301234567";
    private static final String FIXTURE_IZIN = "I-202611210915001234567";

    @Autowired
    JdbcClient jdbc;
    @Autowired
    FileDsIntake fileDsIntake;

    @Test
    void theSignedFileOfAReceivedPermitIsStoredOnceAndARepeatIsAcknowledgedAndIgnored() {
        String nib = "9120301288801";
        String idIzin = "I-202611210915001288801";
        assertThat(ossSender.receiveNib(fixture("receiveNIB/perorangan-banyuasin.json", nib, idIzin), nib).statusCode())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT COUNT(*) FROM sync_ledger WHERE id_izin = :i",
                idIzin) == 1);

        HttpResponse<String> first = fileDs(nib, idIzin);
        HttpResponse<String> again = fileDs(nib, idIzin);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(Json.tree(first.body()).at("/responreceiveFileDS/status").asText()).isEqualTo("1");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(Json.tree(again.body()).at("/responreceiveFileDS/status").asText()).isEqualTo("1");
        await().atMost(Duration.ofSeconds(30)).until(() -> events(idIzin, "FILE_DS_RECEIVED") == 1);
        assertThat(count("SELECT COUNT(*) FROM permit_document WHERE id_izin = :i", idIzin)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT file_url FROM permit_document WHERE id_izin = :i").param("i", idIzin)
                .query(String.class).single()).isEqualTo("https://oss.go.id/file/" + idIzin + "/izin-ds.pdf");
        assertThat(jdbc.sql("SELECT ledger_id FROM trail_event WHERE id_izin = :i AND kind = 'FILE_DS_RECEIVED'")
                .param("i", idIzin).query(Long.class).single()).as("on the permit's own trail").isNotNull();
    }

    @Test
    void aSignedFileForAPermitTheHubNeverReceivedIsKeptAsAnOrphanInTheTrail() {
        String nib = "9120301288802";
        String idIzin = "I-202611210915001288802";

        assertThat(fileDs(nib, idIzin).statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).until(() -> events(idIzin, "FILE_DS_RECEIVED") == 1);
        assertThat(count("SELECT COUNT(*) FROM permit_document WHERE id_izin = :i", idIzin)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT detail FROM trail_orphan WHERE id_izin = :i AND kind = 'FILE_DS_RECEIVED'")
                .param("i", idIzin).query(String.class).single()).contains("has not received");
    }

    @Test
    void whenTheTrailEventCannotBeWrittenTheDocumentIsNotKeptEitherSoTheRetryRecordsBoth() {
        String nib = "9120301288803";
        String idIzin = "I-202611210915001288803";
        String body = fixture("receiveFileDS/perorangan-banyuasin.json", nib, idIzin);
        // The trail refuses this permit's event once, as a store that fails mid-message would.
        // (An orphan's event: the hub never received this permit.)
        jdbc.sql("ALTER TABLE trail_orphan ADD CONSTRAINT ck_test_no_file_ds CHECK (kind <> 'FILE_DS_RECEIVED' OR id_izin <> '"
                + idIzin + "')").update();
        try {
            assertThatThrownBy(() -> fileDsIntake.record(body, null, "push")).isInstanceOf(DataAccessException.class);
        } finally {
            jdbc.sql("ALTER TABLE trail_orphan DROP CONSTRAINT ck_test_no_file_ds").update();
        }
        assertThat(count("SELECT COUNT(*) FROM permit_document WHERE id_izin = :i", idIzin))
                .as("rolled back with the event").isZero();

        fileDsIntake.record(body, null, "push");

        assertThat(count("SELECT COUNT(*) FROM permit_document WHERE id_izin = :i", idIzin)).isEqualTo(1);
        assertThat(events(idIzin, "FILE_DS_RECEIVED")).as("the retry is not taken for a repeat").isEqualTo(1);
    }

    private HttpResponse<String> fileDs(String nib, String idIzin) {
        return ossSender.post("/oss/receiveFileDS", fixture("receiveFileDS/perorangan-banyuasin.json", nib, idIzin),
                OssSender.todaysToken(nib));
    }

    private static String fixture(String name, String nib, String idIzin) {
        return Fixtures.text("oss/" + name).replace(FIXTURE_NIB, nib).replace(FIXTURE_IZIN, idIzin);
    }

    private long events(String idIzin, String kind) {
        // A permit's own events and, for a permit the hub never received, its orphan events.
        return jdbc.sql("""
                SELECT (SELECT COUNT(*) FROM trail_event WHERE id_izin = :i AND kind = :k)
                     + (SELECT COUNT(*) FROM trail_orphan WHERE id_izin = :i AND kind = :k)""").param("i", idIzin)
                .param("k", kind).query(Long.class).single();
    }

    private long count(String sql, String idIzin) {
        return jdbc.sql(sql).param("i", idIzin).query(Long.class).single();
    }
}
