package id.simpul.g2g.agency;

import id.simpul.platform.audit.AuditLog;
import id.simpul.platform.json.Json;
import id.simpul.platform.region.Regions;
import id.simpul.platform.web.ApiException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.security.auth.x500.X500Principal;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Agencies and their systems, for admins ({@code /api/v1/agencies} is admin-only in the API chain).
 * An API key is shown once, when its client is created; the hub keeps only its SHA-256. Every
 * change is audited within its transaction: a change whose audit row cannot be written is undone.
 */
@RestController
@RequestMapping("/api/v1/agencies")
public class AgencyController {

    private final Agencies agencies;
    private final AuditLog audit;

    public AgencyController(Agencies agencies, AuditLog audit) {
        this.agencies = agencies;
        this.audit = audit;
    }

    /** @param rateLimit requests per period; null = the hub's default */
    public record RateLimit(Integer requests, Integer periodSeconds) {
    }

    public record AgencyRequest(String id, String name, List<String> scopes, List<String> regions, RateLimit rateLimit,
                                Boolean enabled) {
    }

    @Transactional
    @PostMapping
    public ResponseEntity<Map<String, Object>> create(@RequestBody(required = false) AgencyRequest body, Authentication auth) {
        if (body == null || body.id() == null || !body.id().matches("[a-z0-9][a-z0-9-]{1,59}")) {
            throw ApiException.badRequest("id is required: 2 to 60 lower-case letters, digits or '-'");
        }
        if (agencies.find(body.id()).isPresent()) {
            throw ApiException.conflict("agency " + body.id() + " exists");
        }
        requireName(body.name());
        List<String> scopes = scopes(body.scopes());
        List<String> regions = regions(body.regions());
        RateLimit limit = rateLimit(body.rateLimit());
        agencies.create(body.id(), body.name().strip(), scopes, regions, limit.requests(), limit.periodSeconds());
        audit.appendInTransaction(new AuditLog.Event(auth.getName(), "AGENCY_CREATED", "agency", body.id(), null,
                "scopes " + scopes + ", regions " + regions, null, Json.write(agencies.find(body.id()).orElseThrow())));
        return ResponseEntity.status(HttpStatus.CREATED).body(view(agencies.find(body.id()).orElseThrow()));
    }

    @GetMapping
    public Map<String, Object> list() {
        return Map.of("items", agencies.all().stream().map(this::view).toList());
    }

    @GetMapping("/{id}")
    public Map<String, Object> get(@PathVariable String id) {
        return view(require(id));
    }

    /** Changes what is given; rights narrowed here apply to the next request and to queued events. */
    @Transactional
    @PutMapping("/{id}")
    public Map<String, Object> update(@PathVariable String id, @RequestBody(required = false) AgencyRequest body,
                                      Authentication auth) {
        Agency before = require(id);
        if (body == null) {
            throw ApiException.badRequest("send the fields to change: name, scopes, regions, rateLimit, enabled");
        }
        if (body.name() != null) {
            requireName(body.name());
        }
        RateLimit limit = body.rateLimit() == null ? new RateLimit(before.rateLimit(), before.ratePeriodSeconds())
                : rateLimit(body.rateLimit());
        Agency after = new Agency(id, body.name() == null ? before.name() : body.name().strip(),
                body.scopes() == null ? before.scopes() : scopes(body.scopes()),
                body.regions() == null ? before.regionPrefixes() : regions(body.regions()),
                limit.requests(), limit.periodSeconds(),
                body.enabled() == null ? before.enabled() : body.enabled(), before.createdAt(), before.updatedAt());
        agencies.update(after);
        audit.appendInTransaction(new AuditLog.Event(auth.getName(), "AGENCY_CHANGED", "agency", id, null, null,
                Json.write(before), Json.write(after)));
        return view(require(id));
    }

    /**
     * @param certificateSubject the subject DN of the system's TLS client certificate (RFC 2253), if it uses one
     * @param apiKey             issue an API key (default true)
     * @param scopes             narrower scopes for this system; null = the agency's
     */
    public record ClientRequest(String system, List<String> scopes, String certificateSubject, Boolean apiKey) {
    }

    @Transactional
    @PostMapping("/{id}/clients")
    public ResponseEntity<Map<String, Object>> addClient(@PathVariable String id,
                                                         @RequestBody(required = false) ClientRequest body,
                                                         Authentication auth) {
        Agency agency = require(id);
        if (body == null || body.system() == null || !body.system().strip().matches("[A-Za-z0-9][A-Za-z0-9 ._-]{0,99}")) {
            throw ApiException.badRequest("system is required: the name of the agency's system (letters, digits, ' ._-')");
        }
        String clientId = id + "." + body.system().strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        if (agencies.clients(id).stream().anyMatch(c -> c.id().equals(clientId))) {
            throw ApiException.conflict("client " + clientId + " exists");
        }
        List<String> scopes = body.scopes() == null ? null : scopes(body.scopes());
        if (scopes != null && !agency.scopes().containsAll(scopes)) {
            throw ApiException.badRequest("a system's scopes must be among its agency's " + agency.scopes());
        }
        String subject = null;
        if (body.certificateSubject() != null && !body.certificateSubject().isBlank()) {
            try {
                subject = new X500Principal(body.certificateSubject().strip()).getName(X500Principal.RFC2253);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("certificateSubject is not a distinguished name (CN=…,O=…)");
            }
        }
        boolean issueKey = !Boolean.FALSE.equals(body.apiKey());
        if (!issueKey && subject == null) {
            throw ApiException.badRequest("a system needs an API key or a certificate subject");
        }
        String key = issueKey ? ApiKeys.generate() : null;
        agencies.addClient(clientId, id, body.system().strip(), key == null ? null : ApiKeys.hash(key),
                key == null ? null : ApiKeys.hint(key), subject, scopes);
        audit.appendInTransaction(new AuditLog.Event(auth.getName(), "AGENCY_CLIENT_CREATED", "agency-client", clientId, null,
                "agency " + id + (key == null ? "" : ", API key " + ApiKeys.hint(key))
                        + (subject == null ? "" : ", certificate " + subject), null, null));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("clientId", clientId);
        out.put("agencyId", id);
        out.put("certificateSubject", subject);
        out.put("scopes", scopes);
        if (key != null) {
            out.put("apiKey", key);
            out.put("apiKeyNote", "shown once; the hub keeps only its SHA-256. Send it as X-API-Key or Authorization: Bearer");
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(out);
    }

    @Transactional
    @DeleteMapping("/{id}/clients/{clientId}")
    public Map<String, Object> revoke(@PathVariable String id, @PathVariable String clientId, Authentication auth) {
        require(id);
        if (!agencies.revokeClient(id, clientId)) {
            throw ApiException.notFound("no active client " + clientId + " of agency " + id);
        }
        audit.appendInTransaction(new AuditLog.Event(auth.getName(), "AGENCY_CLIENT_REVOKED", "agency-client", clientId, null,
                "agency " + id, "enabled", "revoked"));
        return Map.of("clientId", clientId, "revoked", true);
    }

    private Agency require(String id) {
        return agencies.find(id).orElseThrow(() -> ApiException.notFound("no agency " + id));
    }

    private Map<String, Object> view(Agency a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("name", a.name());
        m.put("scopes", a.scopes());
        m.put("regions", a.regionPrefixes());
        m.put("rateLimit", a.rateLimit() == null ? null : new RateLimit(a.rateLimit(), a.ratePeriodSeconds()));
        m.put("enabled", a.enabled());
        m.put("clients", agencies.clients(a.id()));
        return m;
    }

    /** Shown to people (console, catalogue, audit): a NUL or an escape sequence in it is no name. */
    private static void requireName(String name) {
        if (name == null || name.isBlank() || name.length() > 200 || name.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.badRequest("name is required: at most 200 characters, no control characters");
        }
    }

    private static List<String> scopes(List<String> scopes) {
        if (scopes == null || !Agencies.knownScopes(scopes)) {
            throw ApiException.badRequest("scopes must be among " + id.simpul.g2g.Scopes.ALL);
        }
        return scopes.stream().distinct().toList();
    }

    private static List<String> regions(List<String> regions) {
        if (regions == null || regions.isEmpty() || !regions.stream().allMatch(Regions::validPrefix)) {
            throw ApiException.badRequest("regions must be kd_daerah prefixes of 2, 4, 6 or 10 digits (at least one)");
        }
        return regions.stream().distinct().toList();
    }

    private static RateLimit rateLimit(RateLimit limit) {
        if (limit == null || (limit.requests() == null && limit.periodSeconds() == null)) {
            return new RateLimit(null, null);
        }
        if (limit.requests() == null || limit.periodSeconds() == null || limit.requests() < 1
                || limit.periodSeconds() < 1 || limit.periodSeconds() > 86_400) {
            throw ApiException.badRequest("rateLimit needs requests >= 1 and periodSeconds between 1 and 86400");
        }
        return limit;
    }
}
