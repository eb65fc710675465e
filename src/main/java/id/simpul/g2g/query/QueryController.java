package id.simpul.g2g.query;

import com.fasterxml.jackson.databind.JsonNode;
import id.simpul.delivery.local.LocalPermitStore;
import id.simpul.g2g.G2gException;
import id.simpul.g2g.G2gProperties;
import id.simpul.g2g.Scopes;
import id.simpul.g2g.access.AgencyPrincipal;
import id.simpul.g2g.access.G2gAccess;
import id.simpul.g2g.access.G2gApi;
import id.simpul.g2g.recommendation.RecommendationDecisions;
import id.simpul.g2g.recommendation.Recommendations;
import id.simpul.platform.json.Json;
import id.simpul.platform.ledger.LedgerState;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The query API for agencies: permits, businesses, applicants. Every query is limited to the
 * agency's regions inside the SQL; a record outside them answers exactly like a missing one (404).
 * Personal fields are masked unless the agency holds {@code applicants:read-personal}; every call
 * tells the audit log which records it returned and which fields it unmasked.
 */
@RestController
@RequestMapping("/g2g/v1")
public class QueryController {

    private static final Set<String> PERMIT_FILTERS = Set.of("nib", "idIzin", "status", "region", "updatedSince",
            "cursor", "limit");
    private static final List<String> STATES = Arrays.stream(LedgerState.values()).map(Enum::name).toList();

    private final PermitQueries permits;
    private final StatusHistory history;
    private final Recommendations recommendations;
    private final ApplicantDirectory applicants;
    private final Shaping shaping;
    private final G2gProperties.Paging paging;

    public QueryController(PermitQueries permits, StatusHistory history, Recommendations recommendations,
                           ApplicantDirectory applicants, Shaping shaping, G2gProperties properties) {
        this.permits = permits;
        this.history = history;
        this.recommendations = recommendations;
        this.applicants = applicants;
        this.shaping = shaping;
        this.paging = properties.paging();
    }

    @GetMapping("/permits")
    @G2gApi(scope = Scopes.PERMITS_READ, action = "PERMITS_LISTED",
            summary = "Permits of the agency's regions (latest version each), filtered and paged by cursor.")
    public Map<String, Object> permits(@RequestParam(required = false) String nib,
                                       @RequestParam(required = false) String idIzin,
                                       @RequestParam(required = false) String status,
                                       @RequestParam(required = false) String region,
                                       @RequestParam(required = false) String updatedSince,
                                       @RequestParam(required = false) String cursor,
                                       @RequestParam(required = false) Integer limit,
                                       @AuthenticationPrincipal AgencyPrincipal agency, HttpServletRequest request) {
        Params.only(request, PERMIT_FILTERS);
        PermitQueries.Filter filter = new PermitQueries.Filter(Params.nib(nib, "nib"), Params.idIzin(idIzin, "idIzin"),
                Params.oneOf(status, "status", STATES), Params.region(region), Params.since(updatedSince, "updatedSince"));
        int size = Params.limit(limit, paging.defaultSize(), paging.maxSize());
        PermitCursor after = cursor == null ? null : PermitCursor.decode(cursor);
        List<PermitQueries.PermitRow> rows = permits.page(filter, agency.regionPrefixes(), after, size);
        boolean more = rows.size() > size;
        List<PermitQueries.PermitRow> page = more ? rows.subList(0, size) : rows;
        G2gAccess access = G2gAccess.of(request).subject("permit-list", null);
        List<Map<String, Object>> items = new ArrayList<>();
        for (PermitQueries.PermitRow row : page) {
            items.add(summary(row));
            access.record("permit", row.idIzin());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", items);
        body.put("limit", size);
        body.put("nextCursor", more ? page.get(page.size() - 1).cursor().encode() : null);
        return body;
    }

    @GetMapping("/permits/{idIzin}")
    @G2gApi(scope = Scopes.PERMITS_READ, action = "PERMIT_READ",
            summary = "One permit: its latest canonical form (shaped by scope), history, statuses and recommendations.")
    public Map<String, Object> permit(@PathVariable String idIzin, @AuthenticationPrincipal AgencyPrincipal agency,
                                      HttpServletRequest request) {
        Params.only(request, Set.of());
        Params.idIzin(idIzin, "idIzin");
        PermitQueries.PermitRow row = permits.latest(idIzin, agency.regionPrefixes())
                .orElseThrow(() -> G2gException.notVisible("permit " + idIzin));
        G2gAccess access = G2gAccess.of(request).subject("permit", idIzin).record("permit", idIzin);
        Map<String, Object> body = summary(row);
        shaping.into(body, "permit", row.canonical() == null ? null : Json.tree(row.canonical()), agency, "",
                access);
        List<Map<String, Object>> trail = history.trail(idIzin);
        boolean historyMasked = false;
        for (int i = 0; i < trail.size(); i++) {
            Map<String, Object> step = trail.get(i);
            if (step.get("detail") instanceof String detail) {
                Shaping.ShapedText shown = shaping.text(detail, agency, "/history/" + i + "/detail", access);
                step.put("detail", shown.value());
                historyMasked |= shown.masked();
            }
        }
        if (historyMasked) {
            body.put("personalDataMasked", true);
        }
        body.put("history", trail);
        body.put("statuses", history.statuses(idIzin));
        var recs = recommendations.byIdIzin(idIzin);
        body.put("recommendationStage", recs.isEmpty() ? null : RecommendationDecisions.stage(recs).name());
        body.put("recommendations", recs.stream().map(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("agencyId", r.agencyId());
            m.put("state", r.state());
            m.put("decidedAt", r.decidedAt() == null ? null : r.decidedAt().toString());
            return m;
        }).toList());
        return body;
    }

    @GetMapping("/businesses/{nib}")
    @G2gApi(scope = Scopes.BUSINESSES_READ, action = "BUSINESS_READ",
            summary = "A business (NIB) as its newest permit in the agency's regions describes it, with those permits.")
    public Map<String, Object> business(@PathVariable String nib, @AuthenticationPrincipal AgencyPrincipal agency,
                                        HttpServletRequest request) {
        Params.only(request, Set.of());
        Params.nib(nib, "nib");
        List<PermitQueries.PermitRow> rows = permits.byNib(nib, agency.regionPrefixes());
        PermitQueries.PermitRow newest = rows.stream().filter(r -> r.canonical() != null).findFirst()
                .orElseThrow(() -> G2gException.notVisible("business " + nib));
        G2gAccess access = G2gAccess.of(request).subject("business", nib).record("business", nib);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("nib", nib);
        shaping.into(body, "business", Json.tree(newest.canonical()).get("business"), agency, "/business",
                access);
        body.put("asOf", newest.updatedAt().toString());
        body.put("permits", rows.stream().map(QueryController::summary).toList());
        rows.forEach(row -> access.record("permit", row.idIzin()));
        return body;
    }

    @GetMapping("/applicants/{applicantId}")
    @G2gApi(scope = Scopes.APPLICANTS_READ, action = "APPLICANT_READ",
            summary = "An applicant by master id (a retired id answers with its survivor), with their permits in the agency's "
                    + "regions: OSS permits and, as localPermits, the offices' own.")
    public Map<String, Object> applicant(@PathVariable String applicantId,
                                         @AuthenticationPrincipal AgencyPrincipal agency, HttpServletRequest request) {
        Params.only(request, Set.of());
        Params.applicantId(applicantId);
        ApplicantDirectory.ApplicantView view = applicants.find(applicantId, agency.regionPrefixes())
                .orElseThrow(() -> G2gException.notVisible("applicant " + applicantId));
        List<ApplicantDirectory.Source> visible = view.sources();
        G2gAccess access = G2gAccess.of(request).subject("applicant", view.applicantId())
                .record("applicant", view.applicantId());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("applicantId", view.applicantId());
        body.put("requestedId", view.requestedId());
        body.put("retired", view.retired());
        // As the newest OSS permit names them; as the newest local permit only when none of their OSS permits is here.
        List<LocalPermitStore.Stored> local = view.localPermits();
        boolean byOss = !visible.isEmpty();
        shaping.into(body, "applicant", byOss ? visible.get(0).applicant()
                : Json.tree(local.get(0).payload()).get("applicant"), agency, "/applicant", access);
        body.put("asOf", (byOss ? visible.get(0).updatedAt() : local.get(0).updatedAt()).toString());
        visible.forEach(s -> access.record("permit", s.idIzin()));
        body.put("permits", visible.stream().map(s -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("idIzin", s.idIzin());
            m.put("nib", s.nib());
            m.put("kdDaerah", s.kdDaerah());
            m.put("href", "/g2g/v1/permits/" + s.idIzin());
            return m;
        }).toList());
        // Shown as /g2g/v1/local-permits lists them: the summary, no personal data.
        List<Map<String, Object>> localItems = new ArrayList<>();
        for (LocalPermitStore.Stored row : local) {
            localItems.add(LocalPermitQueryController.summary(row));
            access.record("local-permit", LocalPermitQueryController.id(row));
        }
        body.put("localPermits", localItems);
        return body;
    }

    static Map<String, Object> summary(PermitQueries.PermitRow row) {
        JsonNode canonical = row.canonical() == null ? null : Json.tree(row.canonical());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("idIzin", row.idIzin());
        m.put("nib", row.nib());
        m.put("kdIzin", canonical == null ? null : canonical.at("/permit/kdIzin").asText(null));
        m.put("permitName", canonical == null ? null : canonical.at("/permit/name").asText(null));
        m.put("businessName", canonical == null ? null : canonical.at("/business/name").asText(null));
        m.put("kdDaerah", row.kdDaerah());
        m.put("version", row.version());
        m.put("state", row.state());
        m.put("receivedAt", row.receivedAt().toString());
        m.put("updatedAt", row.updatedAt().toString());
        m.put("href", "/g2g/v1/permits/" + row.idIzin());
        return m;
    }
}
