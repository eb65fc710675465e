package id.simpul.delivery;

/**
 * One permit as a target's outputs show it: where it stands in the local workflow and, once decided,
 * the permit number, dates, signer and file.
 *
 * @param targetRef the target's registration number ({@code no_permohonan} / {@code no_pendaftaran})
 * @param status    the local status ("Proses", "Selesai", "Ditolak", …)
 * @param step      the local step ({@code nama_proses}: "Verifikasi", "Penetapan Izin", …)
 * @param decidedOn {@code tgl_penetapan} as yyyy-MM-dd
 */
public record LocalStatus(
        String targetRef,
        String idIzinOss,
        String status,
        String step,
        String noIzin,
        String decidedOn,
        String validUntil,
        String signerName,
        String signerNip,
        String signerPosition,
        String fileUrl,
        String note) {

    /** Dates appear as dd-MM-yyyy or yyyy-MM-dd (with or without a time); the result is yyyy-MM-dd or null. */
    public static String isoDate(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (v.matches("^\\d{4}-\\d{2}-\\d{2}.*")) {
            return v.substring(0, 10);
        }
        if (v.matches("^\\d{2}-\\d{2}-\\d{4}.*")) {
            return v.substring(6, 10) + "-" + v.substring(3, 5) + "-" + v.substring(0, 2);
        }
        return null;
    }
}
