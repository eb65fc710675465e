package id.simpul.canonical;

/**
 * A document about a permit, e.g. the electronically signed permit file OSS sends with
 * receiveFileDS. Part of canonical model v1 ({@code permit-document.v1.json}).
 */
public record PermitDocument(
        String schema,
        int schemaVersion,
        String nib,
        String idIzin,
        String kind,
        String fileUrl,
        String receivedAt) {

    public static final String SCHEMA = "simpul.permit-document";
    public static final String SIGNED_PERMIT = "SIGNED_PERMIT";
}
