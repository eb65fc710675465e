package id.simpul.applicant.normalise;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Addresses as written at the counter and in OSS: Jl./Jln./Jalan, Gg./Gang, RT/RW in its many forms,
 * Desa/Kel./Kec./Kab./Kota prefixes and Permendagri region codes, reduced to comparable parts.
 */
public final class AddressNormaliser {

    /**
     * @param street     street words without RT/RW, e.g. "jl merdeka no 12"
     * @param rtRw       "1/2" for RT 001 RW 002, "" when not written
     * @param village    desa/kelurahan name without prefix
     * @param district   kecamatan name without prefix
     * @param regency    kabupaten/kota name without prefix
     * @param regionCode digits of the most precise region code given (2, 4, 6 or 10 digits)
     */
    public record Address(String street, String rtRw, String village, String district, String regency,
                          String regionCode, String postalCode) {
        public static final Address EMPTY = new Address("", "", "", "", "", "", "");

        public String regencyCode() {
            return regionCode.length() >= 4 ? regionCode.substring(0, 4) : "";
        }

        public String districtCode() {
            return regionCode.length() >= 6 ? regionCode.substring(0, 6) : "";
        }

        public boolean isEmpty() {
            return street.isEmpty() && village.isEmpty() && district.isEmpty() && regency.isEmpty()
                    && regionCode.isEmpty() && postalCode.isEmpty();
        }
    }

    /** Compiled once (String.split compiles its regex on every call). */
    private static final Pattern NON_ALNUM = Pattern.compile("[^a-z0-9]+");
    private static final Pattern RT_RW = Pattern.compile(
            "\\brt\\s*[./:]?\\s*(\\d{1,3})\\s*[,/.\\-]?\\s*(?:rw\\s*[./:]?\\s*)?(\\d{1,3})?\\b"
                    + "|\\brt\\s*/\\s*rw\\s*[.:]?\\s*(\\d{1,3})\\s*/\\s*(\\d{1,3})\\b"
                    + "|\\brw\\s*[./:]?\\s*(\\d{1,3})\\b");

    private static final Map<String, String> STREET_WORDS = Map.ofEntries(
            Map.entry("jl", "jl"), Map.entry("jln", "jl"), Map.entry("jalan", "jl"), Map.entry("jaln", "jl"),
            Map.entry("gg", "gg"), Map.entry("gang", "gg"), Map.entry("lr", "lr"), Map.entry("lrg", "lr"),
            Map.entry("lorong", "lr"), Map.entry("blk", "blok"), Map.entry("komp", "komplek"), Map.entry("kompleks", "komplek"),
            Map.entry("perum", "perumahan"), Map.entry("kav", "kavling"), Map.entry("dsn", "dusun"));

    /** "No. 12", "Nomor 12" and "12" are the same house number. */
    private static final Set<String> NUMBER_WORDS = Set.of("no", "nomor", "nomer", "nmr", "num");

    private static final Set<String> VILLAGE_PREFIXES = Set.of("desa", "ds", "kel", "kelurahan", "kelurahn", "lurah");
    private static final Set<String> DISTRICT_PREFIXES = Set.of("kec", "kecamatan", "kcm");
    private static final Set<String> REGENCY_PREFIXES = Set.of("kab", "kabupaten", "kota", "kot", "kodya", "kotamadya");
    private static final Set<String> PROVINCE_PREFIXES = Set.of("prov", "provinsi", "propinsi");

    private AddressNormaliser() {
    }

    public static Address normalise(String line, String village, String district, String regency,
                                    String regionCode, String postalCode) {
        String rtRw = "";
        String street = Text.fold(line);
        if (!street.isEmpty()) {
            Matcher m = RT_RW.matcher(street);
            String rt = "";
            String rw = "";
            // One pass: the RT/RW values are read and each match replaced by a space (as replaceAll(" ") would,
            // which ran the regex over the line a second time).
            StringBuilder rest = null;
            int last = 0;
            while (m.find()) {
                if (rest == null) {
                    rest = new StringBuilder(street.length());
                }
                rest.append(street, last, m.start()).append(' ');
                last = m.end();
                if (m.group(1) != null) {
                    rt = strip0(m.group(1));
                    rw = m.group(2) != null ? strip0(m.group(2)) : rw;
                } else if (m.group(3) != null) {
                    rt = strip0(m.group(3));
                    rw = strip0(m.group(4));
                } else if (m.group(5) != null) {
                    rw = strip0(m.group(5));
                }
            }
            if (!rt.isEmpty() || !rw.isEmpty()) {
                rtRw = rt + "/" + rw;
            }
            if (rest != null) {
                street = rest.append(street, last, street.length()).toString();
            }
            List<String> words = new ArrayList<>();
            for (String w : NON_ALNUM.split(street)) {
                if (w.isEmpty() || VILLAGE_PREFIXES.contains(w) || DISTRICT_PREFIXES.contains(w)
                        || NUMBER_WORDS.contains(w)) {
                    continue;
                }
                words.add(STREET_WORDS.getOrDefault(w, NameNormaliser.modernSpelling(w)));
            }
            street = String.join(" ", words);
        }
        return new Address(street, rtRw, place(village, VILLAGE_PREFIXES), place(district, DISTRICT_PREFIXES),
                place(regency, REGENCY_PREFIXES), Text.digits(regionCode), Text.digits(postalCode));
    }

    /** A region or birth place name without its administrative prefix, in current spelling. */
    public static String place(String raw, Set<String> prefixes) {
        String f = Text.fold(raw);
        if (f.isEmpty()) {
            return "";
        }
        List<String> words = new ArrayList<>();
        for (String w : NON_ALNUM.split(f)) {
            if (w.isEmpty() || words.isEmpty() && (prefixes.contains(w) || PROVINCE_PREFIXES.contains(w))) {
                continue;
            }
            words.add(NameNormaliser.modernSpelling(w));
        }
        return String.join(" ", words);
    }

    private static final Map<String, String> PLACE_ABBREVIATIONS = Map.ofEntries(
            Map.entry("plg", "palembang"), Map.entry("jkt", "jakarta"), Map.entry("bdg", "bandung"),
            Map.entry("sby", "surabaya"), Map.entry("mdn", "medan"), Map.entry("smg", "semarang"),
            Map.entry("jogja", "yogyakarta"), Map.entry("yogya", "yogyakarta"), Map.entry("jogjakarta", "yogyakarta"),
            Map.entry("jokjakarta", "yogyakarta"), Map.entry("yogyakarta", "yogyakarta"), Map.entry("jakarta pusat", "jakarta"),
            Map.entry("jakarta selatan", "jakarta"), Map.entry("jakarta timur", "jakarta"), Map.entry("jakarta barat", "jakarta"),
            Map.entry("jakarta utara", "jakarta"), Map.entry("surabaja", "surabaya"), Map.entry("bks", "bekasi"),
            Map.entry("bgr", "bogor"), Map.entry("pbm", "prabumulih"), Map.entry("ujung pandang", "makassar"));

    /** Birth places: prefixes dropped, common abbreviations and old names expanded. */
    public static String birthPlace(String raw) {
        String p = place(raw, REGENCY_PREFIXES);
        return PLACE_ABBREVIATIONS.getOrDefault(p, p);
    }

    private static String strip0(String digits) {
        int i = 0;
        while (i < digits.length() - 1 && digits.charAt(i) == '0') {
            i++;
        }
        return digits.substring(i);
    }
}
