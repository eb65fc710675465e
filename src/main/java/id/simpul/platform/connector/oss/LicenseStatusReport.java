package id.simpul.platform.connector.oss;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.math.BigDecimal;

/**
 * {@code receiveLicenseStatus}'s body under {@code IZINSTATUS}: a permit's status as the region
 * reports it to OSS. Field names follow the PIA (snake case); absent fields are not sent.
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
