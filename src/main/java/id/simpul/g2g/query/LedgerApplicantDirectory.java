package id.simpul.g2g.query;

import com.fasterxml.jackson.databind.JsonNode;
import id.simpul.delivery.local.LocalPermitStore;
import id.simpul.platform.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The interim {@link ApplicantDirectory}: retired ids follow {@code g2g_applicant_alias} to their
 * survivor; the applicant is what the ledger's canonical messages naming the survivor, or an id retired
 * into it, say (found by {@code sync_ledger.applicant_id}, V58), with the offices' own permits filed under those
 * ids ({@code local_permit.applicant_id}).
 */
@Component
public class LedgerApplicantDirectory implements ApplicantDirectory {

    private static final int MAX_HOPS = 16;

    private final JdbcClient jdbc;
    private final PermitQueries permits;
    private final LocalPermitStore localPermits;

    public LedgerApplicantDirectory(JdbcClient jdbc, PermitQueries permits, LocalPermitStore localPermits) {
        this.jdbc = jdbc;
        this.permits = permits;
        this.localPermits = localPermits;
    }

    @Override
    public Optional<ApplicantView> find(String applicantId, List<String> visiblePrefixes) {
        String survivor = survivorOf(applicantId);
        Set<String> ids = mergedInto(survivor);
        List<Source> sources = permits.byApplicantIds(ids, visiblePrefixes).stream()
                .filter(row -> row.canonical() != null)
                .map(row -> {
                    JsonNode canonical = Json.tree(row.canonical());
                    return new Source(row.idIzin(), row.nib(), row.kdDaerah(), row.updatedAt(), canonical.get("applicant"));
                })
                .toList();
        List<LocalPermitStore.Stored> local = localPermits.byApplicantIds(ids, visiblePrefixes);
        return sources.isEmpty() && local.isEmpty() ? Optional.empty()
                : Optional.of(new ApplicantView(survivor, applicantId, sources, local));
    }

    /** The master an id answers as now: itself, or the survivor of the merges that retired it. */
    public String survivorOf(String applicantId) {
        String survivor = applicantId;
        for (int hop = 0; hop < MAX_HOPS; hop++) {
            Optional<String> next = jdbc.sql("SELECT survivor_id FROM g2g_applicant_alias WHERE retired_id = :r")
                    .param("r", survivor).query(String.class).optional();
            if (next.isEmpty()) {
                break;
            }
            survivor = next.get();
        }
        return survivor;
    }

    /**
     * The survivor and every id retired into it, directly or through another merge: a permit converted before
     * a merge names the id its applicant had then, and is the survivor's permit as much as one converted after.
     */
    public Set<String> mergedInto(String survivor) {
        Set<String> ids = new LinkedHashSet<>(List.of(survivor));
        List<String> frontier = List.of(survivor);
        for (int hop = 0; hop < MAX_HOPS && !frontier.isEmpty(); hop++) {
            List<String> next = new ArrayList<>();
            for (String retired : jdbc.sql("SELECT retired_id FROM g2g_applicant_alias WHERE survivor_id IN (:s)")
                    .param("s", frontier).query(String.class).list()) {
                if (ids.add(retired)) {
                    next.add(retired);
                }
            }
            frontier = next;
        }
        return ids;
    }
}
