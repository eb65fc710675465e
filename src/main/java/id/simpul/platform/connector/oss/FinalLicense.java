package id.simpul.platform.connector.oss;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code receiveLicense}'s body under {@code IZINFINAL}: the permit the region issued, as the PIA
 * example sends it. Dates are {@code yyyy-MM-dd}; absent fields are not sent.
 *
 * @param statusIzin PIA Lampiran 10 (e.g. 50 approved)
 * @param dataTeknis technical data of the permit (building sizes, ...), free-form per permit type
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FinalLicense(
        String nib,
        String idProyek,
        String ossId,
        String idIzin,
        String kdIzin,
        String kdDaerah,
        String nomorIzin,
        String tglTerbitIzin,
        String tglBerlakuIzin,
        String namaTtd,
        String nipTtd,
        String jabatanTtd,
        String statusIzin,
        String fileIzin,
        String keterangan,
        String fileLampiran,
        String nomenklaturNomorIzin,
        Integer blnBerlakuIzin,
        Integer thnBerlakuIzin,
        String jenisPerizinan,
        ObjectNode dataTeknis) {
}
