package id.simpul.platform.connector.oss;

/**
 * OSS accepted what the hub sent ({@code kode} 200).
 *
 * @param nomorIzin the permit number OSS issued ({@code receiveLicense} only), may be null
 */
public record OssAck(String keterangan, String nomorIzin) {
}
