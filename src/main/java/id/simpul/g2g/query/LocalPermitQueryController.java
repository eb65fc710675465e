package id.simpul.g2g.query;

import id.simpul.delivery.local.LocalNumbers;
import id.simpul.delivery.local.LocalPermitStore;
import id.simpul.g2g.G2gException;
import id.simpul.g2g.G2gProperties;
import id.simpul.g2g.Scopes;
import id.simpul.g2g.access.AgencyPrincipal;
import id.simpul.g2g.access.G2gAccess;
import id.simpul.g2g.access.G2gApi;
import id.simpul.platform.json.Json;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
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
 * The permits regional offices registered in their own systems for types OSS does not handle (docs/local-permits.md),
 * beside {@code /g2g/v1/permits} rather than inside it: they have no NIB-bound {@code idIzin}, their own statuses,
 * and are named by the office and its number. Same rules: the agency's regions are part of the query (a permit
 * outside them answers like a missing one), personal data masked unless {@code applicants:read-personal}, every
 * access audited.
 */
@RestController
@RequestMapping("/g2g/v1")
public class LocalPermitQueryController {

    private static final Set<String> FILTERS = Set.of("status", "type", "region", "applicantId", "updatedSince",
            "cursor", "limit");
    private static final List<String> STATUSES = List.of("IN_PROCESS", "ISSUED", "REJECTED");

    private final LocalPermitStore store;
    private final Shaping shaping;
    private final G2gProperties.Paging paging;

    private final LedgerApplicantDirectory applicants;

    public LocalPermitQueryController(LocalPermitStore store, Shaping shaping, G2gProperties properties,
                                      LedgerApplicantDirectory applicants) {
        this.store = store;
        this.shaping = shaping;
        this.applicants = applicants;
        this.paging = properties.paging();
    }

    @GetMapping("/local-permits")
    @G2gApi(scope = Scopes.PERMITS_READ, action = "LOCAL_PERMITS_LISTED",
            summary = "Permits the offices of the agency's regions registered in their own systems (types OSS does "
                    + "not handle; latest version each), filtered and paged by cursor.")
    public Map<String, Object> list(@RequestParam(required = false) String status,
                                    @RequestParam(required = false) String type,
                                    @RequestParam(required = false) String region,
                                    @RequestParam(required = false) String applicantId,
                                    @RequestParam(required = false) String updatedSince,
                                    @RequestParam(required = false) String cursor,
                                    @RequestParam(required = false) Integer limit,
                                    @AuthenticationPrincipal AgencyPrincipal agency, HttpServletRequest request) {
        Params.only(request, FILTERS);
        LocalPermitStore.Filter filter = new LocalPermitStore.Filter(Params.oneOf(status, "status", STATUSES),
                code(type, "type"), Params.region(region), applicantId == null ? null : applicantIds(applicantId),
                Params.since(updatedSince, "updatedSince"));
        int size = Params.limit(limit, paging.defaultSize(), paging.maxSize());
        PermitCursor after = cursor == null ? null : PermitCursor.decode(cursor);
        List<LocalPermitStore.Stored> rows = store.page(filter, agency.regionPrefixes(),
                after == null ? null : after.updatedAt(), after == null ? null : after.ledgerId(), size);
        boolean more = rows.size() > size;
        List<LocalPermitStore.Stored> page = more ? rows.subList(0, size) : rows;
        G2gAccess access = G2gAccess.of(request).subject("local-permit-list", null);
        List<Map<String, Object>> items = new ArrayList<>();
        for (LocalPermitStore.Stored row : page) {
            items.add(summary(row));
            access.record("local-permit", id(row));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", items);
        body.put("limit", size);
        LocalPermitStore.Stored last = page.isEmpty() ? null : page.get(page.size() - 1);
        body.put("nextCursor", more ? new PermitCursor(last.updatedAt(), last.id()).encode() : null);
        return body;
    }

    /** {@code {*localNumber}}: offices number with slashes, which the address carries as written (LocalNumbers). */
    @GetMapping("/local-permits/{targetId}/{*localNumber}")
    @G2gApi(scope = Scopes.PERMITS_READ, action = "LOCAL_PERMIT_READ",
            summary = "One permit an office registered in its own system: its latest canonical form (local-permit.v1, "
                    + "shaped by scope). The number as the office wrote it, slashes included.")
    public Map<String, Object> one(@PathVariable String targetId, @PathVariable("localNumber") String captured,
                                   @AuthenticationPrincipal AgencyPrincipal agency, HttpServletRequest request) {
        Params.only(request, Set.of());
        code(targetId, "targetId");
        String localNumber = LocalNumbers.ofPath(captured);
        if (!LocalNumbers.valid(localNumber)) {
            throw G2gException.badParameter("localNumber", "localNumber must be " + LocalNumbers.RULE);
        }
        LocalPermitStore.Stored row = store.visible(targetId, localNumber, agency.regionPrefixes())
                .orElseThrow(() -> G2gException.notVisible("local permit " + targetId + "/" + localNumber));
        G2gAccess access = G2gAccess.of(request).subject("local-permit", id(row)).record("local-permit", id(row));
        Map<String, Object> body = summary(row);
        shaping.into(body, "permit", Json.tree(row.payload()), agency, "", access);
        return body;
    }

    /**
     * A master id as the ledger's permits follow merges: its survivor and every id merged into that (a permit keeps
     * the id its applicant had when the office's list was read; a split re-files it, {@code ApplicantEvents}).
     */
    private Set<String> applicantIds(String applicantId) {
        Params.applicantId(applicantId);
        return applicants.mergedInto(applicants.survivorOf(applicantId));
    }

    static Map<String, Object> summary(LocalPermitStore.Stored row) {
        var canonical = Json.tree(row.payload());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", "LOCAL");
        m.put("targetId", row.targetId());
        m.put("localNumber", row.localNumber());
        m.put("permitType", row.permitType());
        m.put("permitName", canonical.at("/permit/name").asText(null));
        m.put("permitNumber", canonical.at("/permit/permitNumber").asText(null));
        m.put("kdDaerah", row.kdDaerah());
        m.put("status", row.status());
        m.put("applicantId", row.applicantId());
        m.put("version", row.version());
        m.put("firstSeenAt", row.firstSeenAt().toString());
        m.put("updatedAt", row.updatedAt().toString());
        m.put("href", "/g2g/v1/local-permits/" + row.targetId() + "/" + row.localNumber());
        return m;
    }

    static String id(LocalPermitStore.Stored row) {
        return row.targetId() + "/" + row.localNumber();
    }

    private static String code(String value, String parameter) {
        if (value != null && !value.matches("[A-Za-z0-9._-]{1,40}")) {
            throw G2gException.badParameter(parameter, parameter + " must be 1 to 40 letters, digits, '.', '_' or '-'");
        }
        return value;
    }
}
