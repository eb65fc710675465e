package id.simpul.g2g.recommendation;

import static org.assertj.core.api.Assertions.assertThat;

import id.simpul.g2g.access.AgencyPrincipal;
import id.simpul.g2g.query.Shaping;
import id.simpul.platform.security.PersonalData;
import id.simpul.support.TestStores;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;

/** The open requests an agency lists are limited to its regions in the query, so the page is full. */
class RecommendationControllerTest {

    private static final Instant T0 = Instant.parse("2026-11-29T08:00:00Z");
    /** What {@code GET /g2g/v1/recommendations} returns at most. */
    private static final int PAGE = 100;

    private JdbcClient jdbc;
    private RecommendationController controller;
    private long ledgerId;

    /** The store the test runs on; {@code RecommendationControllerIT} runs it on PostgreSQL. */
    DataSource store() {
        return TestStores.migratedH2("recommendation-list");
    }

    @BeforeEach
    void wire() {
        jdbc = JdbcClient.create(store());
        controller = new RecommendationController(new Recommendations(jdbc, Clock.fixed(T0, ZoneOffset.UTC)), null,
                null, new Shaping(new PersonalData("c2ltcHVsLXRlc3Qtc3ViamVjdC1rZXk=", null)), jdbc);
        jdbc.sql("""
                INSERT INTO sync_ledger (flow, id_izin, nib, kd_daerah, version, content_hash, state, received_at,
                                         updated_at)
                VALUES ('oss-push', 'I-1', '9120301234567', '1607112003', 1, 'h', 'DELIVERED', :t, :t)""")
                .param("t", Timestamp.from(T0)).update();
        ledgerId = jdbc.sql("SELECT id FROM sync_ledger WHERE id_izin = 'I-1'").query(Long.class).single();
    }

    @Test
    void theOpenListHoldsTheRequestsOfTheAgencysRegionsWhenAPageOfAnotherRegionsRequestsComesFirst() {
        // Asked about Palembang's permits while the agency covered 1671 too; an admin has since narrowed it to 1607.
        for (int i = 0; i < PAGE; i++) {
            request("rec_palembang_" + i, "1671041001", "REQUESTED", T0.plusSeconds(i));
        }
        request("rec_banyuasin_1", "1607112003", "REQUESTED", T0.plusSeconds(PAGE + 1));
        request("rec_banyuasin_answered", "1607112003", "APPROVED", T0.plusSeconds(PAGE + 2));
        request("rec_banyuasin_2", "1607112003", "MORE_INFO", T0.plusSeconds(PAGE + 3));

        Map<String, Object> open = controller.open(agency(List.of("1607")), new MockHttpServletRequest());

        assertThat(ids(open)).containsExactly("rec_banyuasin_1", "rec_banyuasin_2");
        assertThat(ids(controller.open(agency(List.of("1607", "1671")), new MockHttpServletRequest())))
                .as("a page of the oldest, whatever their region").hasSize(PAGE).startsWith("rec_palembang_0");
    }

    /**
     * The notes of a request the agency asked more about are free text: the list shows them as the request
     * itself does ({@code GET /{id}}), masked for a system of the agency without {@code applicants:read-personal}.
     */
    @Test
    void theOpenListMasksTheNIKAndPhoneNumberInTheNotesOfARequestAskedMoreAbout() {
        request("rec_banyuasin_more", "1607112003", "MORE_INFO", T0);
        jdbc.sql("UPDATE g2g_recommendation SET notes = :n WHERE id = 'rec_banyuasin_more'")
                .param("n", "KTP 1607111204780003 tidak terbaca; hubungi pemohon di 081234567890").update();

        Map<String, Object> open = controller.open(agency(List.of("1607")), new MockHttpServletRequest());

        @SuppressWarnings("unchecked")
        String notes = (String) ((List<Map<String, Object>>) open.get("items")).get(0).get("notes");
        assertThat(notes).doesNotContain("1607111204780003").doesNotContain("081234567890")
                .startsWith("KTP 1607").contains("tidak terbaca");
        assertThat(open.get("personalDataMasked")).isEqualTo(true);
    }

    private void request(String id, String kdDaerah, String state, Instant at) {
        jdbc.sql("""
                INSERT INTO g2g_recommendation (id, ledger_id, id_izin, nib, kd_izin, kd_daerah, agency_id, state,
                                                requested_at)
                VALUES (:id, :ledger, :idIzin, '9120301234567', '011000000001', :kd, 'dinas-pupr', :state, :at)""")
                .param("id", id).param("ledger", ledgerId).param("idIzin", "I-" + id).param("kd", kdDaerah)
                .param("state", state).param("at", Timestamp.from(at)).update();
    }

    private static AgencyPrincipal agency(List<String> regions) {
        return new AgencyPrincipal("dinas-pupr", "dinas-pupr.simbg", "Dinas PUPR", List.of("recommendations:write"),
                regions, null, null);
    }

    @SuppressWarnings("unchecked")
    private static List<String> ids(Map<String, Object> list) {
        return ((List<Map<String, Object>>) list.get("items")).stream().map(m -> (String) m.get("id")).toList();
    }
}
