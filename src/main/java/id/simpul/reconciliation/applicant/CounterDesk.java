package id.simpul.reconciliation.applicant;

import com.fasterxml.jackson.databind.JsonNode;
import id.simpul.applicant.ApplicantRegistry;
import id.simpul.applicant.Resolution;
import id.simpul.applicant.SourceRecord;
import id.simpul.applicant.match.FeatureExtractor;
import id.simpul.applicant.normalise.Identifiers;
import id.simpul.applicant.normalise.Nik;
import id.simpul.applicant.store.RegistryStore;
import id.simpul.delivery.local.LocalPermitStore;
import id.simpul.platform.audit.AuditLog;
import id.simpul.platform.json.Json;
import id.simpul.platform.ledger.LedgerEntry;
import id.simpul.platform.ledger.SyncLedger;
import id.simpul.platform.security.PersonalData;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * The service counter (loket) and the applicant registry: what the hub already knows about the person in front of
 * the clerk, found by an identifier, and the counter's own record of them registered as a source like OSS and the
 * offices' systems (docs/applicant-matching.md, "Counter"). Identifiers come in request bodies, never in a URL, so
 * they reach no access log; the audit log names the person by the keyed hash of their NIK only.
 */
@Component
public class CounterDesk {

    /** The registry's source name for counter records: their sourceRef is {@code counter:<the counter's ref>}. */
    public static final String SOURCE = "counter";

    /** The counter's own reference: a file number, not personal data (no 16-digit run: that would be a NIK). */
    private static final Pattern SOURCE_REF = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]{0,79}");
    private static final Pattern SIXTEEN_DIGITS = Pattern.compile("[0-9]{16}");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private final ApplicantRegistry registry;
    private final SyncLedger ledger;
    private final LocalPermitStore localPermits;
    private final AuditLog audit;
    private final PersonalData personalData;
    private final Clock clock;

    public CounterDesk(ApplicantRegistry registry, SyncLedger ledger, LocalPermitStore localPermits, AuditLog audit,
                       PersonalData personalData, Clock clock) {
        this.registry = registry;
        this.ledger = ledger;
        this.localPermits = localPermits;
        this.audit = audit;
        this.personalData = personalData;
        this.clock = clock;
    }

    /** Exactly one of the three. */
    public record LookupRequest(String nik, String npwp, String nib) {
    }

    /** A permit the hub holds: an OSS permit (its newest version in the ledger) or an office's own. */
    public record Permit(String source, String id, String number, String type, String status, String region) {
    }

    /**
     * What a counter form is prefilled with. Identity numbers, phones, e-mails and the birth date are masked unless
     * the caller's role may see personal data ({@code masked} says which).
     *
     * @param otherApplicantIds other masters with a record carrying the same identifier (a pair awaiting review)
     */
    public record Found(String applicantId, String type, String name, String identifier, String birthDate,
                        String birthPlace, String gender, List<SourceRecord.Address> addresses, List<String> phones,
                        List<String> emails, List<String> nibs, List<Permit> permits, List<String> otherApplicantIds,
                        boolean masked) {
    }

    public Found lookup(LookupRequest request, Authentication auth) {
        Map<String, String> given = new LinkedHashMap<>();
        if (request != null) {
            putIfGiven(given, "nik", request.nik());
            putIfGiven(given, "npwp", request.npwp());
            putIfGiven(given, "nib", request.nib());
        }
        if (given.size() != 1) {
            throw new IllegalArgumentException("give exactly one of nik, npwp or nib");
        }
        Map.Entry<String, String> only = given.entrySet().iterator().next();
        String value = only.getValue().strip();
        ApplicantRegistry.Identifier kind = switch (only.getKey()) {
            case "nik" -> {
                nik(value);
                yield ApplicantRegistry.Identifier.NIK;
            }
            case "npwp" -> {
                npwp(value);
                yield ApplicantRegistry.Identifier.NPWP;
            }
            default -> {
                nib(value);
                yield ApplicantRegistry.Identifier.NIB;
            }
        };
        List<String> masters = registry.mastersWith(kind, value);
        // The same words for every miss: nothing about whether anyone else is known.
        if (masters.isEmpty()) {
            throw new NoSuchElementException("no applicant with this " + only.getKey());
        }
        String applicantId = masters.get(0);
        List<RegistryStore.DatedRecord> records = registry.recordsOf(applicantId);
        boolean unmasked = PersonalData.mayUnmask(auth);
        Found found = found(applicantId, kind, value, records, masters.subList(1, masters.size()), unmasked);
        if (unmasked) {
            audit.append(new AuditLog.Event(auth.getName(), "PERSONAL_DATA_VIEWED", "applicant", applicantId,
                    personalData.subjectKey(nikIn(kind, value)), "counter lookup by " + only.getKey() + " shown unmasked",
                    null, null));
        }
        return found;
    }

    private Found found(String applicantId, ApplicantRegistry.Identifier kind, String value,
                        List<RegistryStore.DatedRecord> records, List<String> others, boolean unmasked) {
        Set<SourceRecord.Address> addresses = new LinkedHashSet<>();
        Set<String> phones = new LinkedHashSet<>();
        Set<String> emails = new LinkedHashSet<>();
        Set<String> nibs = new LinkedHashSet<>();
        String type = null;
        String name = null;
        String birthDate = null;
        String birthPlace = null;
        String gender = null;
        for (RegistryStore.DatedRecord dated : records) {
            SourceRecord r = dated.record();
            type = type == null ? r.type() : type;
            name = name == null ? r.name() : name;
            birthDate = birthDate == null ? r.birthDate() : birthDate;
            birthPlace = birthPlace == null ? r.birthPlace() : birthPlace;
            gender = gender == null ? r.gender() : gender;
            if (r.address() != null && !empty(r.address())) {
                addresses.add(r.address());
            }
            addIfGiven(phones, unmasked ? r.phone() : r.phone() == null ? null : PersonalData.maskPhone(r.phone()));
            addIfGiven(emails, unmasked ? r.email() : r.email() == null ? null : PersonalData.maskEmail(r.email()));
            addIfGiven(nibs, r.nib());
        }
        // The caller typed it: a NIK (or a 16-digit NPWP) is echoed masked for every role, as the API returns no NIK.
        String identifier = nikIn(kind, value) == null ? value : PersonalData.maskIdentity(value);
        return new Found(applicantId, type, name, identifier,
                unmasked || birthDate == null ? birthDate : PersonalData.maskBirthDate(birthDate), birthPlace, gender,
                List.copyOf(addresses), List.copyOf(phones), List.copyOf(emails), List.copyOf(nibs),
                permits(registry.idsOf(applicantId)), List.copyOf(others), !unmasked);
    }

    /** The OSS permits (newest version of each) and the offices' own permits filed under the master or ids merged into it. */
    private List<Permit> permits(List<String> ids) {
        Map<String, LedgerEntry> newest = new LinkedHashMap<>();
        for (String id : ids) {
            for (LedgerEntry e : ledger.byApplicantId(id)) {
                newest.merge(e.idIzin(), e, (a, b) -> b.version() > a.version() ? b : a);
            }
        }
        List<Permit> out = new ArrayList<>();
        newest.values().stream().sorted(Comparator.comparing(LedgerEntry::updatedAt).reversed()).forEach(e -> {
            JsonNode permit = ledger.canonical(e.id()).map(Json::tree).map(c -> c.path("permit")).orElse(null);
            String type = permit == null ? null : text(permit.path("name"), permit.path("kdIzin"));
            out.add(new Permit("OSS", e.idIzin(), e.targetRef(), type, e.state().name(), e.kdDaerah()));
        });
        localPermits.filedUnder(ids).stream().sorted(Comparator.comparing(LocalPermitStore.Stored::updatedAt).reversed())
                .forEach(p -> out.add(new Permit(p.targetId(), p.targetId() + "/" + p.localNumber(), p.localNumber(),
                        p.permitType(), p.status(), p.kdDaerah())));
        return out;
    }

    // ---- registration ---------------------------------------------------------------------------------------

    /** A counter's record of an applicant; {@code sourceRef} is the counter system's own reference (required). */
    public record CounterRecord(String sourceRef, String type, String name, String nik, String npwp, String nib,
                                String birthDate, String birthPlace, String gender, SourceRecord.Address address,
                                String phone, String email) {
    }

    /**
     * @param decision  linked (to a known master), new (a new master), review (a new master with a pair for IT
     *                  staff to decide), updated (a known sourceRef with new content), unchanged (sent before as is)
     * @param created   false for a sourceRef the registry knew
     */
    public record Registered(String applicantId, String sourceRef, String decision, boolean created) {
    }

    public Registered register(CounterRecord in, String actor) {
        SourceRecord record = validated(in);
        ApplicantRegistry.Prepared prepared = registry.prepare(record);
        String subject = personalData.subjectKey(record.nik() != null ? record.nik()
                : record.npwp() == null ? null : nikIn(ApplicantRegistry.Identifier.NPWP, record.npwp()));
        // As the staff's decisions (ApplicantDecisions): the request is audited before the registry writes anything.
        audit.append(new AuditLog.Event(actor, "COUNTER_RECORD_REQUESTED", "applicant-record", record.sourceRef(), subject,
                "counter record " + record.sourceRef() + " (API)", null, null));
        ApplicantRegistry.Registration done = registry.register(prepared);
        Resolution r = done.resolution();
        String decision = done.unchanged() ? "unchanged" : switch (r.outcome()) {
            case LINKED -> "linked";
            case NEW -> "new";
            case NEW_WITH_REVIEW -> "review";
            case KNOWN -> "updated";
        };
        audit.append(new AuditLog.Event(actor, "COUNTER_RECORD_REGISTERED", "applicant-record", record.sourceRef(),
                subject, "counter record " + record.sourceRef() + ": " + decision + ", applicant " + r.applicantId()
                        + (r.reviewIds().isEmpty() ? "" : ", review " + r.reviewIds()), null, null));
        return new Registered(r.applicantId(), record.sourceRef(), decision, r.outcome() != Resolution.Outcome.KNOWN);
    }

    /** The record as the registry takes it, or an IllegalArgumentException naming the first field at fault. */
    private SourceRecord validated(CounterRecord in) {
        if (in == null) {
            throw new IllegalArgumentException("a JSON object with the counter's record is required");
        }
        String ref = blank(in.sourceRef());
        if (ref == null) {
            throw new IllegalArgumentException("sourceRef is required: the counter system's own reference");
        }
        if (!SOURCE_REF.matcher(ref).matches()) {
            throw new IllegalArgumentException("sourceRef takes 1-80 letters, digits and . _ / -");
        }
        if (SIXTEEN_DIGITS.matcher(ref).find()) {
            throw new IllegalArgumentException("sourceRef must not carry a NIK: it is shown in screens and logs");
        }
        String type = blank(in.type());
        if (type != null && !type.equalsIgnoreCase("PERSON") && !type.equalsIgnoreCase("ORGANIZATION")) {
            throw new IllegalArgumentException("type must be PERSON or ORGANIZATION");
        }
        type = type == null ? "PERSON" : type.toUpperCase(Locale.ROOT);
        String name = text("name", in.name(), 300);
        if (name == null) {
            throw new IllegalArgumentException("name is required");
        }
        String nik = blank(in.nik());
        if (nik != null) {
            nik(nik);
        }
        String npwp = blank(in.npwp());
        if (npwp != null) {
            npwp(npwp);
        }
        String nib = blank(in.nib());
        if (nib != null) {
            nib(nib);
        }
        String birthDate = blank(in.birthDate());
        LocalDate born = birthDate == null ? null : FeatureExtractor.parseDate(birthDate);
        if (birthDate != null && (born == null || born.isAfter(LocalDate.now(clock)))) {
            throw new IllegalArgumentException("birthDate must be a past date, yyyy-MM-dd");
        }
        String gender = blank(in.gender());
        if (gender != null) {
            gender = switch (gender.toUpperCase(Locale.ROOT)) {
                case "M", "L" -> "M";
                case "F", "P" -> "F";
                default -> throw new IllegalArgumentException("gender must be M (L) or F (P)");
            };
        }
        String phone = blank(in.phone());
        if (phone != null && Identifiers.phone(phone).isEmpty()) {
            throw new IllegalArgumentException("phone is not a phone number");
        }
        String email = text("email", in.email(), 200);
        if (email != null && Identifiers.email(email).isEmpty()) {
            throw new IllegalArgumentException("email is not an e-mail address");
        }
        SourceRecord.Address a = in.address();
        SourceRecord.Address address = a == null ? null : new SourceRecord.Address(text("address.line", a.line(), 300),
                text("address.village", a.village(), 100), text("address.district", a.district(), 100),
                text("address.regency", a.regency(), 100), text("address.province", a.province(), 100),
                digits("address.regionCode", a.regionCode(), 13), digits("address.postalCode", a.postalCode(), 8));
        return new SourceRecord(SOURCE + ":" + ref, type, name, nik, npwp, nib, born == null ? null : born.toString(),
                text("birthPlace", in.birthPlace(), 100), gender, address == null || empty(address) ? null : address,
                phone, email);
    }

    /** The NIK an identifier is: a NIK itself, or a 16-digit NPWP (a resident's NPWP is their NIK); else null. */
    private static String nikIn(ApplicantRegistry.Identifier kind, String value) {
        return kind == ApplicantRegistry.Identifier.NIK
                || kind == ApplicantRegistry.Identifier.NPWP && Identifiers.npwpIsNik(Identifiers.npwp(value))
                ? value : null;
    }

    private void nik(String value) {
        Nik nik = Nik.parse(value, null, null, LocalDate.now(clock));
        if (nik.quality() != Nik.Quality.STRONG) {
            throw new IllegalArgumentException("nik is not a valid NIK (16 digits: region, birth date, serial)");
        }
    }

    private static void npwp(String value) {
        if (Identifiers.npwp(value).isEmpty()) {
            throw new IllegalArgumentException("npwp is not an NPWP (15 or 16 digits)");
        }
    }

    private static void nib(String value) {
        if (Identifiers.nib(value).isEmpty()) {
            throw new IllegalArgumentException("nib is not an NIB (13 digits)");
        }
    }

    private static String text(String field, String value, int max) {
        String v = blank(value);
        if (v != null && (v.length() > max || CONTROL.matcher(v).find())) {
            throw new IllegalArgumentException(field + " takes at most " + max + " characters and no control characters");
        }
        return v;
    }

    private static String digits(String field, String value, int max) {
        String v = blank(value);
        if (v != null && !v.matches("[0-9]{1," + max + "}")) {
            throw new IllegalArgumentException(field + " takes 1-" + max + " digits");
        }
        return v;
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static boolean empty(SourceRecord.Address a) {
        return a.line() == null && a.village() == null && a.district() == null && a.regency() == null
                && a.province() == null && a.regionCode() == null && a.postalCode() == null;
    }

    private static void putIfGiven(Map<String, String> into, String key, String value) {
        if (value != null && !value.isBlank()) {
            into.put(key, value);
        }
    }

    private static void addIfGiven(Set<String> into, String value) {
        if (value != null && !value.isBlank()) {
            into.add(value);
        }
    }

    private static String text(JsonNode first, JsonNode second) {
        String a = first.isTextual() && !first.asText().isBlank() ? first.asText() : null;
        return a != null ? a : second.isTextual() && !second.asText().isBlank() ? second.asText() : null;
    }
}
