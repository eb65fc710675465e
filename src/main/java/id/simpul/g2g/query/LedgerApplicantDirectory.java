package id.simpul.g2g.query;

import com.fasterxml.jackson.databind.JsonNode;
import id.simpul.platform.json.Json;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The interim {@link ApplicantDirectory}: retired ids follow {@code g2g_applicant_alias} to their
 * survivor; the applicant is what the ledger's canonical messages naming the survivor say.
 */
@Component
public class LedgerApplicantDirectory implements ApplicantDirectory {

    private static final int MAX_HOPS = 16;

    private final JdbcClient jdbc;
    private final PermitQueries permits;

    public LedgerApplicantDirectory(JdbcClient jdbc, PermitQueries permits) {
        this.jdbc = jdbc;
        this.permits = permits;
    }

    @Override
    public Optional<ApplicantView> find(String applicantId) {
        String survivor = applicantId;
        for (int hop = 0; hop < MAX_HOPS; hop++) {
            Optional<String> next = jdbc.sql("SELECT survivor_id FROM g2g_applicant_alias WHERE retired_id = :r")
                    .param("r", survivor).query(String.class).optional();
            if (next.isEmpty()) {
                break;
            }
            survivor = next.get();
        }
        List<Source> sources = permits.byApplicantId(survivor).stream()
                .filter(row -> row.canonical() != null)
                .map(row -> {
                    JsonNode canonical = Json.tree(row.canonical());
                    return new Source(row.idIzin(), row.nib(), row.kdDaerah(), row.updatedAt(), canonical.get("applicant"));
                })
                .toList();
        return sources.isEmpty() ? Optional.empty() : Optional.of(new ApplicantView(survivor, applicantId, sources));
    }
}
