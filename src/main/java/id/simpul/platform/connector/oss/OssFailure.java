package id.simpul.platform.connector.oss;

/** What OSS answered when a call failed: the operation and, when the reply had one, its {@code kode}. */
public interface OssFailure {

    OssOperation operation();

    /** The reply's {@code kode} (number or string in the body), or null when there was no readable reply. */
    Integer kode();
}
