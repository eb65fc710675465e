package id.simpul.platform.connector.oss;

/**
 * {@code checkLicenseStatus}'s {@code dataIZIN}: where OSS says a permit stands.
 *
 * @param kdStatus PIA Lampiran 10 (e.g. 50 approved, 90 rejected)
 */
public record LicenseStatus(
        String nib,
        String idProyek,
        String idIzin,
        String kdStatus,
        String uraianStatus,
        String fileLampiran) {
}
