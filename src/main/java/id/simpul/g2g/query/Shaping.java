package id.simpul.g2g.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.simpul.g2g.Scopes;
import id.simpul.g2g.access.AgencyPrincipal;
import id.simpul.g2g.access.G2gAccess;
import id.simpul.platform.json.JsonDiff;
import id.simpul.platform.security.PersonalData;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Fields shaped by scope: without {@code applicants:read-personal}, NIK, birth dates, phone numbers and e-mail
 * addresses are masked (the hub's one masking rule, {@link PersonalData}); with it they are shown,
 * and the caller learns which fields and whose data, for the audit log.
 */
@Component
public class Shaping {

    private final PersonalData personalData;

    public Shaping(PersonalData personalData) {
        this.personalData = personalData;
    }

    /**
     * @param unmaskedFields JSON pointers of personal fields shown unmasked
     * @param dataSubject    keyed hash of the identity number in what was shown, when personal data was
     *                       ({@link PersonalData#dataSubject}: wherever it sits, a 16-digit NPWP counting as a NIK)
     */
    public record Shaped(JsonNode value, boolean masked, List<String> unmaskedFields, String dataSubject) {
    }

    /**
     * Puts {@code value} as this agency may see it into {@code body} under {@code key}, with
     * {@code personalDataMasked}, and tells the access record which fields (under {@code fieldPrefix})
     * and whose data were shown unmasked.
     */
    public void into(Map<String, Object> body, String key, JsonNode value, AgencyPrincipal agency,
                     String fieldPrefix, G2gAccess access) {
        Shaped shaped = shape(value, agency);
        access.unmasked(shaped.unmaskedFields().stream().map(f -> fieldPrefix + f).toList(), shaped.dataSubject());
        body.put(key, shaped.value());
        body.put("personalDataMasked", shaped.masked());
    }

    /**
     * Free text (another agency's notes in a permit's history, a file's note or address) as this agency may
     * see it: without {@code applicants:read-personal} the identity numbers, phone numbers and e-mail
     * addresses in it masked ({@link PersonalData#maskText}); with it as written, and {@code pointer} and the
     * person whose NIK it names told to the access record.
     *
     * @return the text to show, and whether anything in it was masked
     */
    public ShapedText text(String value, AgencyPrincipal agency, String pointer, G2gAccess access) {
        String masked = PersonalData.maskText(value);
        if (masked == null || masked.equals(value)) {
            return new ShapedText(value, false);
        }
        if (!agency.has(Scopes.APPLICANTS_READ_PERSONAL)) {
            return new ShapedText(masked, true);
        }
        access.unmasked(List.of(pointer), personalData.textSubject(value));
        return new ShapedText(value, false);
    }

    public record ShapedText(String value, boolean masked) {
    }

    /** {@code value} as this agency may see it. */
    public Shaped shape(JsonNode value, AgencyPrincipal agency) {
        if (value == null || value.isNull()) {
            return new Shaped(value, false, List.of(), null);
        }
        JsonNode clean = value.deepCopy();
        if (clean instanceof ObjectNode object) {
            object.remove("replay");
        }
        // A requirement's note and file address are masked there too: a KTP file is often named by the NIK.
        JsonNode masked = PersonalData.masked(clean);
        if (!agency.has(Scopes.APPLICANTS_READ_PERSONAL)) {
            return new Shaped(masked, !masked.equals(clean), List.of(), null);
        }
        List<String> fields = JsonDiff.between(masked, clean).stream().map(JsonDiff.Change::path).toList();
        // Not a fixed pointer: a business block has no identityNumber, yet a sole trader's NPWP is their NIK.
        String subject = fields.isEmpty() ? null : personalData.dataSubject(clean);
        return new Shaped(clean, false, fields, subject);
    }
}
