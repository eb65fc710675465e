package id.simpul.platform.connector.oss;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The {@code dataNIB} object of an {@code inqueryNIB} or {@code fetchNIB} reply, kept whole: the hub
 * re-ingests it as a {@code receiveNIB} and its field list is long and changes with the PIA version.
 *
 * @param keterangan OSS's own remark on the reply, may be empty
 */
public record NibData(String keterangan, ObjectNode dataNib) {

    public String nib() {
        return OssJson.text(dataNib.get("nib"));
    }

    /** {@code tgl_perubahan_nib}: the day OSS last changed the NIB, or null. */
    public String tglPerubahanNib() {
        return OssJson.text(dataNib.get("tgl_perubahan_nib"));
    }

    public JsonNode get(String field) {
        return dataNib.get(field);
    }
}
