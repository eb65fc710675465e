package id.simpul.reconciliation.console;

import com.fasterxml.jackson.databind.JsonNode;
import id.simpul.delivery.local.LocalNumbers;
import id.simpul.platform.SimpulProperties;
import id.simpul.platform.audit.AuditLog;
import id.simpul.platform.json.Json;
import id.simpul.platform.security.PersonalData;
import id.simpul.platform.web.ApiException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The permits regional offices registered in their own systems (izin reklame, penelitian, SIP, keramaian) and the
 * polls that read them: until now IT staff saw them only through the API, health and metrics. Personal data is
 * masked unless the role may see it; an unmasked view is audited like the trail's.
 */
@Controller
public class LocalPermitPages {

    static final int PAGE_SIZE = 25;
    static final int MAX_PAGE_SIZE = 100;
    static final List<String> STATUSES = List.of("IN_PROCESS", "ISSUED", "REJECTED");
    private static final String CODE = "[A-Za-z0-9._-]{1,40}";
    /** The canonical form's blocks in the order the detail page shows them. */
    private static final List<String> SECTIONS = List.of("permit", "applicant", "business", "source");

    private final ObjectProvider<ConsoleHooks.LocalPermits> hook;
    private final SimpulProperties properties;
    private final AuditLog audit;
    private final PersonalData personalData;

    public LocalPermitPages(ObjectProvider<ConsoleHooks.LocalPermits> hook, SimpulProperties properties,
                            AuditLog audit, PersonalData personalData) {
        this.hook = hook;
        this.properties = properties;
        this.audit = audit;
        this.personalData = personalData;
    }

    /** A permit as a row of the list: its canonical form as this viewer may see it. */
    public record Row(ConsoleHooks.LocalPermits.Permit permit, JsonNode shown) {
        public String text(String pointer) {
            JsonNode value = shown.at(pointer);
            return value.isMissingNode() || value.isNull() ? "" : value.asText();
        }
    }

    /** One field of the detail page: its path in the canonical form and its value as shown. */
    public record Field(String name, String value) {
    }

    /** The list's filters, echoed back into the form and the pager. */
    public record Filters(String target, String type, String status, int size) {
        String listUrl(int page) {
            UriComponentsBuilder url = UriComponentsBuilder.fromPath("/console/local-permits");
            if (target != null) {
                url.queryParam("target", target);
            }
            if (type != null) {
                url.queryParam("type", type);
            }
            if (status != null) {
                url.queryParam("status", status);
            }
            if (size != PAGE_SIZE) {
                url.queryParam("size", size);
            }
            return url.queryParam("page", page).encode().build().toUriString();
        }
    }

    @GetMapping("/console/local-permits")
    public String list(@RequestParam(required = false) String target, @RequestParam(required = false) String type,
                       @RequestParam(required = false) String status, @RequestParam(defaultValue = "0") int page,
                       @RequestParam(defaultValue = "" + PAGE_SIZE) int size, Authentication auth, Model model) {
        model.addAttribute("page", "local-permits");
        ConsoleHooks.LocalPermits permits = hook.getIfAvailable();
        model.addAttribute("available", permits != null);
        if (permits == null) {
            return "console/local-permits";
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw ApiException.badRequest("size must be between 1 and " + MAX_PAGE_SIZE);
        }
        if (page < 0) {
            throw ApiException.badRequest("page must be 0 or more");
        }
        List<ConsoleHooks.LocalPermits.Poll> polls = permits.polls();
        Set<String> targets = new TreeSet<>();
        properties.targets().forEach(t -> targets.add(t.id()));
        polls.forEach(p -> targets.add(p.targetId()));
        Filters filters = new Filters(blankToNull(target), code(blankToNull(type), "type"),
                status(blankToNull(status)), size);
        if (filters.target() != null && !targets.contains(filters.target())) {
            throw ApiException.notFound("no target '" + filters.target() + "'");
        }
        long offset = (long) page * size;
        if (offset > Integer.MAX_VALUE) {
            throw ApiException.badRequest("page is past any list the hub holds");
        }
        ConsoleHooks.LocalPermits.Page result = permits.newest(filters.target(), filters.type(), filters.status(),
                (int) offset, size);
        List<Row> rows = new ArrayList<>();
        for (ConsoleHooks.LocalPermits.Permit p : result.items()) {
            rows.add(new Row(p, shown(p, auth, "console local-permit list")));
        }
        long pages = (result.total() + size - 1) / size;
        model.addAttribute("polls", polls);
        model.addAttribute("targets", targets);
        model.addAttribute("statuses", STATUSES);
        model.addAttribute("filters", filters);
        model.addAttribute("rows", rows);
        model.addAttribute("total", result.total());
        model.addAttribute("pageNumber", page);
        model.addAttribute("pages", pages);
        model.addAttribute("previousUrl", page > 0 ? filters.listUrl((int) Math.max(0, Math.min(page, pages) - 1)) : null);
        model.addAttribute("nextUrl", page + 1 < pages ? filters.listUrl(page + 1) : null);
        return "console/local-permits";
    }

    /** {@code {*localNumber}}: offices number with slashes, which the list's links carry as written. */
    @GetMapping("/console/local-permits/{targetId}/{*localNumber}")
    public String detail(@PathVariable String targetId, @PathVariable("localNumber") String captured,
                         Authentication auth, Model model) {
        ConsoleHooks.LocalPermits permits = hook.getIfAvailable();
        if (permits == null) {
            throw ApiException.notFound("local permits are not available in this build");
        }
        String localNumber = LocalNumbers.ofPath(captured);
        if (!LocalNumbers.valid(localNumber)) {
            throw ApiException.badRequest("the permit's number must be " + LocalNumbers.RULE);
        }
        ConsoleHooks.LocalPermits.Permit permit = permits.find(targetId, localNumber)
                .orElseThrow(() -> ApiException.notFound("no local permit " + targetId + "/" + localNumber));
        JsonNode shown = shown(permit, auth, "console local permit");
        Map<String, List<Field>> sections = new LinkedHashMap<>();
        for (String section : SECTIONS) {
            List<Field> fields = new ArrayList<>();
            flatten(shown.path(section), "", fields);
            if (!fields.isEmpty()) {
                sections.put(section, fields);
            }
        }
        model.addAttribute("page", "local-permits");
        model.addAttribute("row", new Row(permit, shown));
        model.addAttribute("sections", sections);
        model.addAttribute("masked", PersonalData.containsPersonalData(Json.tree(permit.canonicalJson()))
                && !PersonalData.mayUnmask(auth));
        return "console/local-permit";
    }

    /** The canonical form masked, or whole for a role that may see personal data: then the view is audited. */
    private JsonNode shown(ConsoleHooks.LocalPermits.Permit p, Authentication auth, String where) {
        JsonNode canonical = Json.tree(p.canonicalJson());
        if (!PersonalData.containsPersonalData(canonical)) {
            return canonical;
        }
        if (!PersonalData.mayUnmask(auth)) {
            return PersonalData.masked(canonical);
        }
        audit.append(new AuditLog.Event(auth.getName(), "PERSONAL_DATA_VIEWED", "local_permit",
                p.targetId() + "/" + p.localNumber(), personalData.dataSubject(canonical),
                where + " shown unmasked", null, null));
        return canonical;
    }

    /** Scalars under {@code node} as "address.village"-style names, in the mapping's order; nulls left out. */
    private static void flatten(JsonNode node, String prefix, List<Field> into) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                flatten(f.getValue(), prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey(), into);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                flatten(node.get(i), prefix + "[" + i + "]", into);
            }
        } else if (!node.isMissingNode() && !node.isNull()) {
            into.add(new Field(prefix, node.asText()));
        }
    }

    private static String status(String value) {
        if (value == null) {
            return null;
        }
        String s = value.toUpperCase(java.util.Locale.ROOT);
        if (!STATUSES.contains(s)) {
            throw ApiException.badRequest("status must be one of " + String.join(", ", STATUSES));
        }
        return s;
    }

    private static String code(String value, String parameter) {
        if (value != null && !value.matches(CODE)) {
            throw ApiException.badRequest(parameter + " must be 1 to 40 letters, digits, '.', '_' or '-'");
        }
        return value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
