package id.simpul.canonical;

import java.util.List;

/**
 * Canonical model v1: one permit application routed to this region, with the business and the
 * applicant behind it. Every source message (OSS push, OSS poll, counter entry) becomes this shape;
 * the JSON Schema in {@code canonical/schema/permit-message.v1.json} is its contract.
 *
 * @param applicantId the master applicant id from the registry, null until matched
 * @param replay      true when an operator replays this message: it must not be dropped as a duplicate
 */
public record PermitMessage(
        String schema,
        int schemaVersion,
        Source source,
        Business business,
        Applicant applicant,
        Project project,
        PermitApplication permit,
        String applicantId,
        boolean replay) {

    public static final String SCHEMA = "simpul.permit-message";
    public static final int VERSION = 1;

    /**
     * Does a version of this document type withdraw the permit (OSS revoked or cancelled it)? Nothing then awaits
     * the region's decision, and the region's handling of the withdrawal is no status of the permit.
     */
    public static boolean withdraws(String documentType) {
        return "REVOCATION".equals(documentType) || "CANCELLATION".equals(documentType);
    }

    public PermitMessage withSource(Source newSource) {
        return new PermitMessage(schema, schemaVersion, newSource, business, applicant, project, permit, applicantId, replay);
    }

    public PermitMessage withApplicantId(String id) {
        return new PermitMessage(schema, schemaVersion, source, business, applicant, project, permit, id, replay);
    }

    public PermitMessage asReplay() {
        return new PermitMessage(schema, schemaVersion, source, business, applicant, project, permit, applicantId, true);
    }

    /**
     * Where the message came from, which version of it this is, and a hash of its content.
     *
     * @param channel      how it reached the hub: {@code push}, {@code sweep}, {@code backfill}, {@code counter}
     * @param documentType what the source document is, when the source says: {@code ORIGINAL}, {@code UPDATE},
     *                     {@code REVOCATION} or {@code CANCELLATION} (OSS's {@code tipe_dokumen} 9, 5, 3, 4); a
     *                     revocation or cancellation is delivered as such, not as another update
     */
    public record Source(
            String system,
            String operation,
            String channel,
            String nib,
            String idIzin,
            String ossId,
            String piaVersion,
            String receivedAt,
            String contentHash,
            int version,
            String documentType) {
    }

    public record Address(
            String line,
            String rtRw,
            String village,
            String district,
            String regency,
            String province,
            String regionCode,
            String postalCode) {
    }

    public record Business(
            String nib,
            String name,
            String companyTypeCode,
            String npwp,
            String scale,
            String status,
            String investmentStatus,
            Address address,
            String phone,
            String email) {
    }

    /** A person (the responsible person, or an individual business owner) or an organisation. */
    public record Applicant(
            String type,
            String name,
            String identityType,
            String identityNumber,
            String npwp,
            String nib,
            String birthDate,
            String birthPlace,
            String gender,
            Address address,
            String phone,
            String email) {
    }

    public record Project(
            String idProyek,
            String kbli,
            String riskLevel,
            String scale,
            String description,
            String regionCode,
            String address) {
    }

    public record PermitApplication(
            String idIzin,
            String kdIzin,
            String name,
            String permitType,
            String authority,
            String kdDaerah,
            String agency,
            String checklistFlag,
            List<Requirement> requirements) {
        public PermitApplication {
            requirements = requirements == null ? List.of() : List.copyOf(requirements);
        }
    }

    public record Requirement(String id, String documentNo, String documentDate, String fileUrl, String note) {
    }
}
