package id.simpul.g2g.recommendation;

import id.simpul.platform.region.Regions;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The recommendation requests and their answers ({@code g2g_recommendation}). */
@Component
public class Recommendations {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final Clock clock;

    public Recommendations(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Creates a request unless this agency was already asked about this permit; returns the new one. Two
     * versions of a permit converted at once may both ask: the unique (id_izin, agency_id) lets one insert
     * and the other do nothing, without failing its transaction (the conversion that stores the version).
     */
    public Optional<Recommendation> request(long ledgerId, String idIzin, String nib, String kdIzin, String kdDaerah,
                                            String agencyId) {
        String id = newId();
        int inserted = jdbc.sql("""
                INSERT INTO g2g_recommendation (id, ledger_id, id_izin, nib, kd_izin, kd_daerah, agency_id, state,
                                                requested_at)
                VALUES (:id, :ledger, :idIzin, :nib, :kdIzin, :kd, :agency, 'REQUESTED', :now)
                ON CONFLICT DO NOTHING""")
                .param("id", id).param("ledger", ledgerId).param("idIzin", idIzin).param("nib", nib)
                .param("kdIzin", kdIzin).param("kd", kdDaerah).param("agency", agencyId)
                .param("now", Timestamp.from(clock.instant())).update();
        return inserted == 1 ? find(id) : Optional.empty();
    }

    public Optional<Recommendation> find(String id) {
        return jdbc.sql("SELECT * FROM g2g_recommendation WHERE id = :id").param("id", id)
                .query(Recommendations::row).optional();
    }

    public List<Recommendation> byIdIzin(String idIzin) {
        return jdbc.sql("SELECT * FROM g2g_recommendation WHERE id_izin = :i ORDER BY requested_at, id")
                .param("i", idIzin).query(Recommendations::row).list();
    }

    /** The agency's first {@code limit} open requests about permits of the regions it may see, oldest first. */
    public List<Recommendation> openFor(String agencyId, List<String> visiblePrefixes, int limit) {
        Map<String, Object> params = new LinkedHashMap<>();
        String regions = Regions.sqlClause("kd_daerah", visiblePrefixes, "visible", params);
        return jdbc.sql("""
                SELECT * FROM g2g_recommendation WHERE agency_id = :a AND state IN ('REQUESTED', 'MORE_INFO')
                   AND %s ORDER BY requested_at, id LIMIT :n""".formatted(regions))
                .params(params).param("a", agencyId).param("n", limit).query(Recommendations::row).list();
    }

    /** Records a decision if the recommendation is still in {@code expectedState}; false when it moved meanwhile. */
    public boolean decide(String id, String expectedState, String state, String notes, String documentUrl,
                          String decidedBy) {
        return jdbc.sql("""
                UPDATE g2g_recommendation SET state = :state, notes = :notes, document_url = :url, decided_by = :by,
                       decided_at = :now WHERE id = :id AND state = :expected""")
                .param("state", state).param("notes", notes).param("url", documentUrl).param("by", decidedBy)
                .param("now", Timestamp.from(clock.instant())).param("id", id).param("expected", expectedState)
                .update() == 1;
    }

    private static String newId() {
        byte[] bytes = new byte[15];
        RANDOM.nextBytes(bytes);
        return "rec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static Recommendation row(ResultSet rs, int n) throws SQLException {
        Timestamp decided = rs.getTimestamp("decided_at");
        return new Recommendation(rs.getString("id"), rs.getLong("ledger_id"), rs.getString("id_izin"),
                rs.getString("nib"), rs.getString("kd_izin"), rs.getString("kd_daerah"), rs.getString("agency_id"),
                rs.getString("state"), rs.getString("notes"), rs.getString("document_url"), rs.getString("decided_by"),
                rs.getTimestamp("requested_at").toInstant(), decided == null ? null : decided.toInstant());
    }
}
