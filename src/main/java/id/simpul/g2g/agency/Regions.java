package id.simpul.g2g.agency;

import java.util.Collection;

/** Region codes (Permendagri 72/2019): province 2, regency 4, district 6, village 10 digits. */
public final class Regions {

    private Regions() {
    }

    /** A valid prefix: 2, 4, 6 or 10 digits. */
    public static boolean validPrefix(String prefix) {
        return prefix != null && prefix.matches("[0-9]{2}|[0-9]{4}|[0-9]{6}|[0-9]{10}");
    }

    /** True when one of {@code prefixes} covers {@code kdDaerah}; a record without a region is covered by none. */
    public static boolean covers(Collection<String> prefixes, String kdDaerah) {
        return kdDaerah != null && !kdDaerah.isBlank() && prefixes.stream().anyMatch(kdDaerah::startsWith);
    }

    /** True when every prefix in {@code narrower} lies inside one of {@code wider}. */
    public static boolean within(Collection<String> narrower, Collection<String> wider) {
        return narrower.stream().allMatch(n -> wider.stream().anyMatch(n::startsWith));
    }
}
