package id.simpul.platform.region;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

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

    /**
     * The SQL condition "{@code column} starts with one of {@code prefixes}" (false for none), its parameters
     * added to {@code params} as {@code name0}, {@code name1} …: the rights are part of the query, so that a
     * page holds {@code limit} rows the caller may see and no other region's row is read. The prefixes are
     * digits ({@link #validPrefix}), so LIKE sees no wildcard in them.
     */
    public static String sqlClause(String column, List<String> prefixes, String name, Map<String, Object> params) {
        if (prefixes.isEmpty()) {
            return "1 = 0";
        }
        List<String> ors = new ArrayList<>();
        for (int i = 0; i < prefixes.size(); i++) {
            ors.add(column + " LIKE :" + name + i);
            params.put(name + i, prefixes.get(i) + "%");
        }
        return "(" + String.join(" OR ", ors) + ")";
    }

    /** True when every prefix in {@code narrower} lies inside one of {@code wider}. */
    public static boolean within(Collection<String> narrower, Collection<String> wider) {
        return narrower.stream().allMatch(n -> wider.stream().anyMatch(n::startsWith));
    }
}
