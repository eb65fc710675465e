package id.simpul.platform.connector.oss;

import java.util.List;
import java.util.Locale;

/**
 * The OSS-RBA operations the hub calls as a client (PIA 4.3.22, {@code POST {base}/{path}}), with the
 * root key of the request body and every spelling of the reply's root key seen in the guide
 * ({@code responcheckLicenseStatus}, {@code responcheckStatusLicense}, {@code responsecheckStatusLicense}).
 */
public enum OssOperation {
    INQUERY_NIB("inqueryNIB", "INQUERYNIB", "responinqueryNIB"),
    CHECK_LICENSE_STATUS("checkLicenseStatus", "CHECKLICENSESTATUS", "responcheckLicenseStatus",
            "responcheckStatusLicense"),
    INQUERY_LICENSE("inqueryLicense", "INQUERYLICENSE", "dataLicense", "responinqueryLicense"),
    FETCH_NIB("fetchNIB", "FETCHNIB", "responfetchNIB"),
    // The guide swaps the words of checkLicenseStatus's root; back-sync accepts the same swap here.
    RECEIVE_LICENSE_STATUS("receiveLicenseStatus", "IZINSTATUS", "responreceiveLicenseStatus",
            "responreceiveStatusLicense"),
    RECEIVE_LICENSE("receiveLicense", "IZINFINAL", "responreceiveLicense");

    private final String path;
    private final String requestRoot;
    private final List<String> replyRoots;

    OssOperation(String path, String requestRoot, String... replyRoots) {
        this.path = path;
        this.requestRoot = requestRoot;
        this.replyRoots = List.of(replyRoots);
    }

    /** The last path segment, which is also the operation's name in the PIA. */
    public String path() {
        return path;
    }

    public String requestRoot() {
        return requestRoot;
    }

    /** The reply root spellings of the guide, in its own case. */
    public List<String> replyRoots() {
        return replyRoots;
    }

    /** True when a reply's top-level key is one of this operation's roots, whatever its case and respon/response prefix. */
    public boolean isReplyRoot(String key) {
        String k = normalise(key);
        return replyRoots.stream().anyMatch(root -> normalise(root).equals(k));
    }

    public static OssOperation ofPath(String path) {
        for (OssOperation op : values()) {
            if (op.path.equalsIgnoreCase(path)) {
                return op;
            }
        }
        throw new IllegalArgumentException("unknown OSS operation " + path);
    }

    private static String normalise(String key) {
        String k = key.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
        if (k.startsWith("response")) {
            return k.substring("response".length());
        }
        if (k.startsWith("respon")) {
            return k.substring("respon".length());
        }
        return k;
    }
}
