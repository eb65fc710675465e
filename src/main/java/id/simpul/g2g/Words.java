package id.simpul.g2g;

import java.util.Collection;
import java.util.List;

/** Lists stored as space-separated words (scopes, region prefixes, event types). */
public final class Words {

    private Words() {
    }

    public static List<String> split(String words) {
        return words == null || words.isBlank() ? List.of() : List.of(words.strip().split("\\s+"));
    }

    public static String join(Collection<String> words) {
        return String.join(" ", words);
    }
}
