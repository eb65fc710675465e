package id.simpul.canonical;

/**
 * A decided permit: its number, validity, signer and signed file (what OSS receives as
 * {@code IZINFINAL}). Part of canonical model v1 ({@code permit-final.v1.json}).
 */
public record PermitFinal(
        String schema,
        int schemaVersion,
        String nib,
        String idIzin,
        String kdIzin,
        String kdDaerah,
        String nomorIzin,
        String issuedOn,
        String validUntil,
        Signer signer,
        String kdStatus,
        String fileUrl,
        String note) {

    public static final String SCHEMA = "simpul.permit-final";

    public record Signer(String name, String nip, String position) {
    }
}
