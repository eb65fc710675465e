package id.simpul.reconciliation;

import id.simpul.applicant.ApplicantRegistry;
import id.simpul.applicant.pii.PayloadSeal;
import id.simpul.applicant.pii.PiiProtector;
import id.simpul.platform.audit.AuditLog;
import id.simpul.platform.security.PersonalData;
import id.simpul.platform.web.ApiException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit log for auditors and admins: recent entries, chain verification, and the export for one
 * data subject (UU PDP Art. 31–32: a person's data and the record of its processing).
 */
@RestController
@RequestMapping("/api/v1/audit")
public class AuditController {

    private final AuditLog audit;
    private final PersonalData personalData;
    private final JdbcClient jdbc;
    private final PiiProtector pii;
    private final ApplicantRegistry registry;

    public AuditController(AuditLog audit, PersonalData personalData, JdbcClient jdbc, PiiProtector pii,
                           ApplicantRegistry registry) {
        this.audit = audit;
        this.personalData = personalData;
        this.jdbc = jdbc;
        this.pii = pii;
        this.registry = registry;
    }

    @GetMapping
    public List<AuditLog.Entry> recent(@RequestParam(defaultValue = "100") int limit) {
        return audit.recent(Math.max(1, Math.min(limit, 1000)));
    }

    @GetMapping("/verify")
    public AuditLog.Verification verify() {
        return audit.verify();
    }

    public record SubjectRequest(String nik) {
    }

    /**
     * Everything the hub holds and did about one person, found by their NIK (the export itself is audited).
     * The NIK goes in the body: in a URL it lands in the access logs of every proxy in front of the hub, and
     * in browser histories.
     */
    @PostMapping("/subjects")
    public Map<String, Object> subject(@RequestBody(required = false) SubjectRequest request, Authentication auth) {
        return subject(request == null ? null : request.nik(), auth);
    }

    /** The same by {@code ?nik=}, kept for existing scripts; prefer the POST. */
    @GetMapping("/subjects")
    public Map<String, Object> subject(@RequestParam String nik, Authentication auth) {
        String digits = nik == null ? "" : nik.replaceAll("[^0-9]", "");
        if (digits.length() != 16) {
            throw ApiException.badRequest("nik must have 16 digits");
        }
        String subject = personalData.subjectKey(digits);
        // The person's NIK as their identity number, or as a 16-digit NPWP (since 2024 a resident's NPWP is their
        // NIK): a sole trader's permit may name them by the NPWP alone. Exact matches only: permits of the same
        // master applicant are left out, since a master is the matcher's conclusion and may join two people.
        // The forms are sealed: found by the keyed hash of the NIK (ledger_subject), not by reading them.
        List<Map<String, Object>> permits = jdbc.sql("""
                SELECT id, nib, id_izin, version, state, target_id, target_ref, received_at, delivered_at
                  FROM sync_ledger WHERE id IN (SELECT ledger_id FROM ledger_subject WHERE subject_hash = :h)
                 ORDER BY id""")
                .param("h", pii.hmac(digits)).query().listOfRows();
        // The offices' own permits (docs/local-permits.md), by the same keyed hash in their own index: latest version.
        List<Map<String, Object>> localPermits = jdbc.sql("""
                SELECT target_id, local_number, permit_type, status, kd_daerah, version, first_seen_at, updated_at
                  FROM local_permit WHERE id IN (SELECT local_permit_id FROM local_permit_subject WHERE subject_hash = :h)
                 ORDER BY id""")
                .param("h", pii.hmac(digits)).query().listOfRows();
        List<Map<String, Object>> records = applicantRecords(digits);
        audit.append(new AuditLog.Event(auth.getName(), "DATA_SUBJECT_EXPORTED", "data-subject", null, subject,
                permits.size() + " permit version(s), " + localPermits.size() + " local permit(s), " + records.size()
                        + " applicant record(s) and the processing record exported", null, null));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("dataSubject", subject);
        body.put("permits", permits);
        body.put("localPermits", localPermits);
        body.put("applicantRecords", records);
        body.put("processing", audit.bySubject(subject));
        return body;
    }

    /** The registry's columns sealed at rest (V73): the export opens them. */
    private static final List<String> SEALED_COLUMNS = List.of("name", "address_line", "phone", "email");

    /**
     * What the applicant registry holds about the person: each source record whose NIK, or 16-digit NPWP, is this
     * one (the registry keeps both only as a keyed hash and ciphertext, and finds them by the same hash), with the
     * master it belongs to now. A scan of the records, which the registry indexes by sequence only: an export is
     * rare, and a person's records are few.
     */
    private List<Map<String, Object>> applicantRecords(String nik) {
        List<Map<String, Object>> records = jdbc.sql("""
                SELECT source_ref, type, name, birth_date, birth_place, gender, address_line, village, district,
                       regency, province, postal_code, phone, email, received_at, updated_at
                  FROM applicant_source WHERE nik_hmac = :h OR npwp_hmac = :h ORDER BY ordinal""")
                .param("h", pii.hmac(nik)).query().listOfRows();
        PayloadSeal seal = pii.payloadSeal();
        for (Map<String, Object> record : records) {
            // Read past RegistryStore, which opens what it reads: the person's own export shows their data in clear.
            for (String sealed : SEALED_COLUMNS) {
                record.computeIfPresent(sealed, (column, value) -> seal.open((String) value));
            }
            registry.applicantOf((String) record.get("source_ref"))
                    .ifPresent(master -> record.put("applicant_id", master));
        }
        return records;
    }
}