package id.simpul.platform.connector.oss;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.math.BigDecimal;

/**
 * {@code receiveLicenseStatus}'s body under {@code IZINSTATUS}: a permit's status as the region
 * reports it to OSS. Field names follow the PIA (snake case). The PIA's field table marks only
 * {@code persetujuan_form}, {@code file_lampiran} and {@code data_pnbp} optional: those are left out
 * when absent; every other field is always sent, as {@code ""} when not known (as the guide's example
 * sends them), because OSS refuses an IZINSTATUS that lacks one.
 *
 * @param kdStatus  PIA Lampiran 10
 * @param tglStatus {@code yyyy-MM-dd HH:mm:ss}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LicenseStatusReport(
        String nib,
        String idProduk,
        String idProyek,
        String ossId,
        String idIzin,
        String kdIzin,
        String kdInstansi,
        String kdStatus,
        String tglStatus,
        String nipStatus,
        String namaStatus,
        String keterangan,
        Boolean persetujuanForm,
        String fileLampiran,
        Pnbp dataPnbp) {

    public LicenseStatusReport {
        nib = orEmpty(nib);
        idProduk = orEmpty(idProduk);
        idProyek = orEmpty(idProyek);
        ossId = orEmpty(ossId);
        idIzin = orEmpty(idIzin);
        kdIzin = orEmpty(kdIzin);
        kdInstansi = orEmpty(kdInstansi);
        kdStatus = orEmpty(kdStatus);
        tglStatus = orEmpty(tglStatus);
        nipStatus = orEmpty(nipStatus);
        namaStatus = orEmpty(namaStatus);
        keterangan = orEmpty(keterangan);
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    /** Non-tax state revenue (PNBP) billing attached to a status. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Pnbp(
            String kdAkun,
            String kdPenerimaan,
            String kdBilling,
            String tglBilling,
            String tglExpire,
            BigDecimal nominal,
            String urlDokumen) {
    }
}
