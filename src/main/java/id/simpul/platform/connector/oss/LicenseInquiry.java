package id.simpul.platform.connector.oss;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * {@code inqueryLicense}'s {@code dataLicense.data}: a permit as OSS holds it, with its projects and
 * checklist entries (and, when asked for, the requirement documents' URLs).
 */
public record LicenseInquiry(
        String message,
        String ossId,
        String idIzin,
        String kdIzin,
        String kdDaerah,
        String kewenangan,
        List<JsonNode> dataProyek,
        List<JsonNode> dataChecklist) {

    public LicenseInquiry {
        dataProyek = dataProyek == null ? List.of() : List.copyOf(dataProyek);
        dataChecklist = dataChecklist == null ? List.of() : List.copyOf(dataChecklist);
    }
}
