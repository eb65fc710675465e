package id.simpul.platform.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * UU PDP safeguards for what the hub shows: NIK, phone numbers and e-mail addresses are masked
 * unless the caller's role may see them ({@link Roles#SEES_PERSONAL_DATA}); a data subject is
 * referred to in the audit log by a keyed hash of their identifier, never the identifier itself.
 */
@Component
public class PersonalData {

    /** Field names (canonical and PIA) that hold an identity number. */
    private static final Set<String> IDENTITY_FIELDS = Set.of("identitynumber", "nik", "no_identitas",
            "no_identitas_penanggung_jwb", "no_identitas_pemegang_saham", "no_id_user_proses", "no_identitas_pj");
    private static final Set<String> PHONE_FIELDS = Set.of("phone", "no_hp", "no_hp_penanggung_jwb",
            "no_telp_penanggung_jwb", "nomor_telpon_perseroan", "hp_user_proses", "hp", "telepon");
    private static final Set<String> EMAIL_FIELDS = Set.of("email", "email_penanggung_jwb", "email_user_proses",
            "email_perusahaan", "email_pemegang_saham");

    private final byte[] subjectKey;

    public PersonalData(@Value("${simpul.security.subject-key:}") String configuredKey,
                        @Value("${simpul.data-dir}") Path dataDir) {
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

    /** True when {@code node} holds any field we would mask. */
    public static boolean containsPersonalData(JsonNode node) {
        return node != null && !masked(node).equals(node);
    }

    public static String maskIdentity(String value) {
        if (value == null || value.length() <= 6) {
            return value == null ? null : "******";
        }
        // Keep the region (first 6 digits of a NIK) and the last 2: enough to tell records apart.
        return value.substring(0, 6) + "*".repeat(value.length() - 8) + value.substring(value.length() - 2);
    }

    public static String maskPhone(String value) {
        if (value == null) {
            return null;
        }
        String digits = value.replaceAll("[^0-9]", "");
        return digits.length() <= 3 ? "***" : "*".repeat(digits.length() - 3) + digits.substring(digits.length() - 3);
    }

    public static String maskEmail(String value) {
        if (value == null) {
            return null;
        }
        int at = value.indexOf('@');
        return at <= 1 ? "***" : value.charAt(0) + "***" + value.substring(at);
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

    private static void maskInPlace(JsonNode node) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                String key = f.getKey().strip().toLowerCase(Locale.ROOT);
                JsonNode value = f.getValue();
                if (value.isValueNode() && !value.isNull()) {
                    if (IDENTITY_FIELDS.contains(key)) {
                        f.setValue(object.textNode(maskIdentity(value.asText())));
                    } else if (PHONE_FIELDS.contains(key)) {
                        f.setValue(object.textNode(maskPhone(value.asText())));
                    } else if (EMAIL_FIELDS.contains(key)) {
                        f.setValue(object.textNode(maskEmail(value.asText())));
                    }
                } else {
                    maskInPlace(value);
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(PersonalData::maskInPlace);
        }
    }

    private static byte[] installationKey(Path dataDir) {
        return KeyFiles.randomKey(dataDir.resolve("keys").resolve("subject.key"), 32);
    }
}
