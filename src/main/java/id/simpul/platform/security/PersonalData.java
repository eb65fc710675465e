package id.simpul.platform.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.simpul.platform.SimpulProperties;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * UU PDP safeguards for what the hub shows: NIK (and other identity numbers, a 16-digit NPWP among
 * them), birth dates, phone numbers and e-mail addresses are masked unless the caller's role may see
 * them ({@link Roles#SEES_PERSONAL_DATA}); a data subject is referred to in the audit log by a keyed
 * hash of their identifier, never the identifier itself.
 */
@Component
public class PersonalData {

    /**
     * Field names (canonical and PIA) that hold an identity number, in the order {@link #dataSubject}
     * looks for the person whose data a record is: the applicant (canonical, OSS's penanggung jawab,
     * the account that filed the NIB) before shareholders and others.
     */
    private static final List<String> IDENTITY_FIELDS = List.of("identitynumber", "no_identitas_penanggung_jwb",
            "no_id_user_proses", "nik", "no_identitas", "no_identitas_pj", "no_identitas_pemegang_saham", "paspor_pj");
    /**
     * Words that make a field a phone (or fax) number wherever they stand in its name: the PIA spells
     * phones a dozen ways (no_hp_penanggung_jwb, nomor_telpon_perseroan, telepon_notaris,
     * telp_perusahaan_ln, fax_pemegang_saham …) and adds more with each version, so a list of exact
     * names misses the next one. Matched against whole words of the name (split at "_", "-" and
     * camelCase), never substrings, so "hp" does not catch words that merely contain it; no other
     * field of the PIA's tables has one of these words.
     */
    private static final Set<String> PHONE_WORDS = Set.of("phone", "telephone", "handphone", "hp", "telp", "tlp",
            "telpon", "telepon", "ponsel", "fax", "faks", "faksimili", "whatsapp");
    private static final Set<String> EMAIL_FIELDS = Set.of("email", "email_penanggung_jwb", "email_user_proses",
            "email_perusahaan", "email_pemegang_saham", "email_pj", "email_prinsipal");
    /** A birth date next to a partly masked NIK gives away the NIK's digits 7–12 (DDMMYY): only its year is shown. */
    private static final Set<String> BIRTH_DATE_FIELDS = Set.of("birthdate", "tanggal_lahir", "tgl_lahir",
            "tgl_lahir_user_proses");
    private static final Pattern YEAR = Pattern.compile("(?<![0-9])(19|20)[0-9]{2}(?![0-9])");
    /**
     * Free text beside the fields above: a requirement's note and file address (canonical {@code note} and
     * {@code fileUrl}, OSS's {@code keterangan} and {@code file_dokumen}). A KTP scan is often filed under the
     * NIK ("KTP_1607….pdf") and a note may quote a NIK or a phone: what they hold is masked by its form
     * ({@link #maskText}), the rest shown.
     */
    private static final Set<String> FREE_TEXT_FIELDS = Set.of("note", "fileurl", "keterangan", "file_dokumen");

    private final byte[] subjectKey;

    @Autowired
    public PersonalData(SecurityProperties security, SimpulProperties simpul) {
        this(security.subjectKey(), simpul.dataDir());
    }

    public PersonalData(String configuredKey, Path dataDir) {
        this.subjectKey = configuredKey != null && !configuredKey.isBlank()
                ? Base64.getDecoder().decode(configuredKey.strip()) : installationKey(dataDir);
    }

    /** May this caller see personal data unmasked? */
    public static boolean mayUnmask(Authentication auth) {
        if (auth == null) {
            return false;
        }
        for (GrantedAuthority a : auth.getAuthorities()) {
            String role = a.getAuthority().toLowerCase(Locale.ROOT).replace("role_", "");
            if (Roles.SEES_PERSONAL_DATA.contains(role)) {
                return true;
            }
        }
        return false;
    }

    /** A copy of {@code node} with identity numbers, phones and e-mails masked. */
    public static JsonNode masked(JsonNode node) {
        if (node == null) {
            return null;
        }
        JsonNode copy = node.deepCopy();
        maskInPlace(copy);
        return copy;
    }

    /** {@code text} with the NIKs, phone numbers and e-mail addresses written in it masked ({@link PersonalText#mask}). */
    public static String maskText(String text) {
        return PersonalText.mask(text);
    }

    /** The keyed hash of the first NIK written in {@code text} ({@link #maskText}'s form), or null. */
    public String textSubject(String text) {
        if (text == null) {
            return null;
        }
        String nik = PersonalText.firstIdentity(text);
        return nik == null ? null : subjectKey(nik);
    }

    /** True when {@code node} holds any field we would mask. */
    public static boolean containsPersonalData(JsonNode node) {
        return node != null && !masked(node).equals(node);
    }

    /** A NIK as {@link PersonalText#maskIdentity} shows it: its first 4 and last 2 digits. */
    public static String maskIdentity(String value) {
        return PersonalText.maskIdentity(value);
    }

    /** A birth date as its year only ("1978-**-**"), whatever the format it came in. */
    public static String maskBirthDate(String value) {
        if (value == null) {
            return null;
        }
        Matcher year = YEAR.matcher(value);
        return (year.find() ? year.group() : "****") + "-**-**";
    }

    /** Since 2024 a resident's NPWP is their NIK: a 16-digit NPWP is masked like one (the "0"-led form of a company too). */
    private static boolean identityNpwp(String key, String value) {
        return key.contains("npwp") && value.replaceAll("[^0-9]", "").length() == 16;
    }

    public static String maskPhone(String value) {
        return PersonalText.maskPhone(value);
    }

    public static String maskEmail(String value) {
        return PersonalText.maskEmail(value);
    }

    /** The audit log's name for a person: HMAC-SHA256 of their normalised identifier under the installation key. */
    public String subjectKey(String identifier) {
        if (identifier == null || identifier.isBlank()) {
            return null;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(subjectKey, "HmacSHA256"));
            String normalised = identifier.replaceAll("[^0-9A-Za-z]", "").toUpperCase(Locale.ROOT);
            return HexFormat.of().formatHex(mac.doFinal(normalised.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The audit log's name for the person whose data {@code node} holds: the keyed hash of the first
     * identity number in it, wherever it sits (by the order of {@link #IDENTITY_FIELDS}), else of a
     * 16-digit NPWP (a NIK since 2024: a sole trader's business block has no other); null when it has
     * neither (a company). Pass the record as it was shown, unmasked: the canonical message, OSS's raw
     * push (dataNIB, dataNIBSTPW, dataNIBPSE …) or one block of it all name their person differently,
     * and an unmasked view audited without a subject is missing from that person's data-subject export.
     */
    public String dataSubject(JsonNode node) {
        return subjectKey(identityIn(node));
    }

    /** The identity number {@link #dataSubject} names the person by, or null. */
    static String identityIn(JsonNode node) {
        if (node == null) {
            return null;
        }
        for (String field : IDENTITY_FIELDS) {
            String found = firstUnder(node, field);
            if (found != null) {
                return found;
            }
        }
        return firstUnder(node, null);
    }

    /**
     * Depth first, the first non-blank scalar (or scalar in an array) under a field named {@code field};
     * with {@code field} null, the first 16-digit NPWP.
     */
    private static String firstUnder(JsonNode node, String field) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                String key = normalised(f.getKey());
                if (field == null ? key.contains("npwp") : key.equals(field)) {
                    JsonNode value = f.getValue();
                    Iterable<JsonNode> candidates = value.isArray() ? value : List.of(value);
                    for (JsonNode candidate : candidates) {
                        String text = candidate.isValueNode() && !candidate.isNull() ? candidate.asText() : "";
                        if (!text.isBlank() && (field != null || identityNpwp(key, text))) {
                            return text;
                        }
                    }
                }
                String deeper = firstUnder(f.getValue(), field);
                if (deeper != null) {
                    return deeper;
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (JsonNode item : array) {
                String deeper = firstUnder(item, field);
                if (deeper != null) {
                    return deeper;
                }
            }
        }
        return null;
    }

    private static void maskInPlace(JsonNode node) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                String key = f.getKey();
                JsonNode value = f.getValue();
                if (value.isValueNode()) {
                    String masked = maskValue(key, value);
                    if (masked != null) {
                        f.setValue(object.textNode(masked));
                    }
                } else {
                    maskUnder(key, value);
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(PersonalData::maskInPlace);
        }
    }

    /** An array under a personal key ("phone": ["0812…", "0813…"]) holds values of that kind. */
    private static void maskUnder(String key, JsonNode container) {
        if (container instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode item = array.get(i);
                if (item.isValueNode()) {
                    String masked = maskValue(key, item);
                    if (masked != null) {
                        array.set(i, array.textNode(masked));
                    }
                } else {
                    maskUnder(key, item);
                }
            }
        } else {
            maskInPlace(container);
        }
    }

    /** The masked text of a scalar under {@code field} (its name as sent), or null when it is not personal data. */
    private static String maskValue(String field, JsonNode value) {
        String text = value.isNull() ? "" : value.asText();
        if (text.isBlank()) {
            return null;
        }
        String key = normalised(field);
        if (IDENTITY_FIELDS.contains(key) || identityNpwp(key, text)) {
            return maskIdentity(text);
        } else if (isPhoneField(field)) {
            return maskPhone(text);
        } else if (EMAIL_FIELDS.contains(key)) {
            return maskEmail(text);
        } else if (BIRTH_DATE_FIELDS.contains(key)) {
            return maskBirthDate(text);
        } else if (FREE_TEXT_FIELDS.contains(key)) {
            String masked = maskText(text);
            return masked.equals(text) ? null : masked;
        }
        return null;
    }

    /** A field name as the lists above spell it (OSS sends "tipe_dokumen " with a space, so spaces go too). */
    private static String normalised(String field) {
        return field.strip().toLowerCase(Locale.ROOT);
    }

    /** Does the name of this field (as sent: camelCase counts) have one of the {@link #PHONE_WORDS}? */
    static boolean isPhoneField(String field) {
        for (String word : field.strip().split("[_\\-\\s]+|(?<=[a-z0-9])(?=[A-Z])")) {
            if (PHONE_WORDS.contains(word.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    private static byte[] installationKey(Path dataDir) {
        return KeyFiles.randomKey(dataDir.resolve("keys").resolve("subject.key"), 32);
    }
}
