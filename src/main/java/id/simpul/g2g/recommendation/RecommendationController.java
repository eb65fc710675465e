package id.simpul.g2g.recommendation;

import com.fasterxml.jackson.databind.JsonNode;
import id.simpul.g2g.G2gException;
import id.simpul.g2g.Scopes;
import id.simpul.g2g.access.AgencyPrincipal;
import id.simpul.g2g.access.G2gAccess;
import id.simpul.g2g.access.G2gApi;
import id.simpul.g2g.query.Shaping;
import id.simpul.platform.json.Json;
import id.simpul.platform.ledger.SyncLedger;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Technical recommendations for agencies: the open requests, one request with the permit's file,
 * and the decision. Only the agency a request names sees it (others get 404, as for a missing one).
 */
@RestController
@RequestMapping("/g2g/v1/recommendations")
public class RecommendationController {

    private final Recommendations recommendations;
    private final RecommendationDecisions decisions;
    private final SyncLedger ledger;
    private final Shaping shaping;
    private final JdbcClient jdbc;

    public RecommendationController(Recommendations recommendations, RecommendationDecisions decisions,
                                    SyncLedger ledger, Shaping shaping, JdbcClient jdbc) {
        this.recommendations = recommendations;
        this.decisions = decisions;
        this.ledger = ledger;
        this.shaping = shaping;
        this.jdbc = jdbc;
    }

    @GetMapping
    @G2gApi(scope = Scopes.RECOMMENDATIONS_WRITE, action = "RECOMMENDATIONS_LISTED",
            summary = "The recommendation requests waiting for this agency's answer.")
    public Map<String, Object> open(@AuthenticationPrincipal AgencyPrincipal agency, HttpServletRequest request) {
        G2gAccess access = G2gAccess.of(request).subject("recommendation-list", null);
        List<Map<String, Object>> items = new ArrayList<>();
        boolean masked = false;
        for (Recommendation r : recommendations.openFor(agency.agencyId(), agency.regionPrefixes(), 100)) {
            Map<String, Object> item = view(r);
            // The notes of a request asked more about, as GET /{id} shows them.
            masked |= shapeText(item, "notes", agency, "/items/" + items.size() + "/notes", access);
            items.add(item);
            access.record("recommendation", r.id());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", items);
        if (masked) {
            body.put("personalDataMasked", true);
        }
        return body;
    }

    @GetMapping("/{id}")
    @G2gApi(scope = Scopes.RECOMMENDATIONS_WRITE, action = "RECOMMENDATION_READ",
            summary = "A recommendation request with the permit's canonical data (shaped by scope) and its files.")
    public Map<String, Object> get(@PathVariable String id, @AuthenticationPrincipal AgencyPrincipal agency,
                                   HttpServletRequest request) {
        Recommendation rec = visible(id, agency);
        G2gAccess access = G2gAccess.of(request).subject("recommendation", id).record("permit", rec.idIzin());
        var versions = ledger.byIdIzin(rec.idIzin());
        JsonNode latest = ledger.canonical(versions.get(versions.size() - 1).id()).map(Json::tree)
                .or(() -> ledger.canonical(rec.ledgerId()).map(Json::tree)).orElse(null);
        Map<String, Object> body = view(rec);
        shaping.into(body, "permit", latest, agency, "", access);
        // Free text, whoever wrote it: a system of the agency may hold fewer scopes than the one that answered.
        boolean masked = shapeText(body, "notes", agency, "/notes", access);
        List<Map<String, Object>> files = files(rec.idIzin(), latest);
        for (int i = 0; i < files.size(); i++) {
            masked |= shapeText(files.get(i), "note", agency, "/files/" + i + "/note", access);
            masked |= shapeText(files.get(i), "url", agency, "/files/" + i + "/url", access);
        }
        if (masked) {
            body.put("personalDataMasked", true);
        }
        body.put("files", files);
        return body;
    }

    /** @param decision APPROVE, REJECT or MORE_INFO; notes are required unless approving */
    public record DecisionRequest(String decision, String notes, String documentUrl) {
    }

    @PostMapping("/{id}/decision")
    @G2gApi(scope = Scopes.RECOMMENDATIONS_WRITE, action = "RECOMMENDATION_DECIDED",
            summary = "Answer a recommendation request: APPROVE, REJECT or MORE_INFO, with notes and an optional document URL.")
    public Map<String, Object> decide(@PathVariable String id, @RequestBody(required = false) DecisionRequest body,
                                      @AuthenticationPrincipal AgencyPrincipal agency, HttpServletRequest request) {
        Recommendation rec = visible(id, agency);
        G2gAccess.of(request).subject("recommendation", id).record("permit", rec.idIzin());
        if (body == null || body.decision() == null) {
            throw G2gException.badParameter("decision", "decision is required: APPROVE, REJECT or MORE_INFO");
        }
        RecommendationDecisions.Decision decision;
        try {
            decision = RecommendationDecisions.Decision.valueOf(body.decision().strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw G2gException.badParameter("decision", "decision must be APPROVE, REJECT or MORE_INFO");
        }
        String notes = body.notes() == null || body.notes().isBlank() ? null : body.notes().strip();
        if (notes != null && notes.length() > 4000) {
            throw G2gException.badParameter("notes", "notes may have at most 4000 characters");
        }
        if (notes == null && decision != RecommendationDecisions.Decision.APPROVE) {
            throw G2gException.badParameter("notes", "notes are required to reject or to ask for more");
        }
        String documentUrl = documentUrl(body.documentUrl());
        RecommendationDecisions.Decided decided = decisions.decide(rec, decision, notes, documentUrl,
                agency.agencyName(), agency.clientId());
        Map<String, Object> out = view(decided.recommendation());
        shapeText(out, "notes", agency, "/notes", G2gAccess.of(request));
        out.put("recommendationStage", decided.stage().name());
        out.put("kdStatusRecorded", decided.kdStatusRecorded());
        return out;
    }

    /** Puts {@code key}'s free text as this agency may see it back into {@code m}; true when something was masked. */
    private boolean shapeText(Map<String, Object> m, String key, AgencyPrincipal agency, String pointer,
                              G2gAccess access) {
        if (!(m.get(key) instanceof String text)) {
            return false;
        }
        Shaping.ShapedText shown = shaping.text(text, agency, pointer, access);
        m.put(key, shown.value());
        return shown.masked();
    }

    private Recommendation visible(String id, AgencyPrincipal agency) {
        return recommendations.find(id)
                .filter(r -> r.agencyId().equals(agency.agencyId()) && agency.sees(r.kdDaerah()))
                .orElseThrow(() -> G2gException.notVisible("recommendation " + id));
    }

    /** Requirement files from the canonical message and documents OSS sent (receiveFileDS). */
    private List<Map<String, Object>> files(String idIzin, JsonNode canonical) {
        List<Map<String, Object>> files = new ArrayList<>();
        if (canonical != null) {
            for (JsonNode r : canonical.at("/permit/requirements")) {
                if (r.hasNonNull("fileUrl")) {
                    Map<String, Object> f = new LinkedHashMap<>();
                    f.put("kind", "requirement");
                    f.put("id", r.path("id").asText(null));
                    f.put("note", r.path("note").asText(null));
                    f.put("url", r.path("fileUrl").asText());
                    files.add(f);
                }
            }
        }
        files.addAll(jdbc.sql("SELECT kind, file_url FROM permit_document WHERE id_izin = :i ORDER BY id")
                .param("i", idIzin).query((rs, n) -> {
                    Map<String, Object> f = new LinkedHashMap<>();
                    f.put("kind", rs.getString("kind"));
                    f.put("url", rs.getString("file_url"));
                    return f;
                }).list());
        return files;
    }

    private static String documentUrl(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null || url.length() > 2000) {
                throw new URISyntaxException(url, "not an absolute http(s) URL");
            }
            return uri.toString();
        } catch (URISyntaxException e) {
            throw G2gException.badParameter("documentUrl", "documentUrl must be an absolute http(s) URL of at most 2000 characters");
        }
    }

    private static Map<String, Object> view(Recommendation r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("idIzin", r.idIzin());
        m.put("nib", r.nib());
        m.put("kdIzin", r.kdIzin());
        m.put("kdDaerah", r.kdDaerah());
        m.put("agencyId", r.agencyId());
        m.put("state", r.state());
        m.put("notes", r.notes());
        m.put("documentUrl", r.documentUrl());
        m.put("requestedAt", r.requestedAt().toString());
        m.put("decidedAt", r.decidedAt() == null ? null : r.decidedAt().toString());
        return m;
    }
}
