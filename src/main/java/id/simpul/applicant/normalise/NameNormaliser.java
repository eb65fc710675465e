package id.simpul.applicant.normalise;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Person names as OSS, SiCantik and the counter write them, reduced to one comparable key:
 * titles, degrees, salutations and Palembang hereditary titles dropped; {@code bin/binti} split off
 * as the patronym; Muhammad's spellings and abbreviations folded to one token; pre-1972 spelling
 * (EYD) rewritten to the current one; case, punctuation and spacing removed.
 */
public final class NameNormaliser {

    /** The normalised name: {@code key} is the tokens joined by one space. */
    public record Name(String key, List<String> tokens, String patronym) {
        public static final Name EMPTY = new Name("", List.of(), "");

        public boolean isEmpty() {
            return tokens.isEmpty();
        }
    }

    /** Degrees, compared without dots: "S.Pd.I" and "SPdI" both become {@code spdi}. */
    private static final Set<String> DEGREES = set(
            "se", "sh", "spd", "spdi", "skom", "st", "ssos", "sag", "sip", "skep", "sfarm", "sked", "spsi",
            "shut", "sp", "spt", "ssi", "sak", "sikom", "stp", "sgz", "sst", "sthi", "shi", "sei", "ssn", "sds",
            "sh", "sr", "sn", "spdsd", "sth", "ske", "str", "amd", "ama", "amk", "amdkeb", "amdkep", "amdkom",
            "amdfarm", "msi", "mm", "mkes", "mpd", "mt", "mh", "mkn", "mag", "msc", "mba", "meng", "mak", "mkom",
            "msn", "mpdi", "mhum", "mars", "ma", "mph", "phd", "lc", "bsc", "ba", "dipl", "spog", "spa", "sppd",
            "spb", "spm", "spkj", "sprad", "sptht", "dr", "drs", "dra", "drg", "ir", "prof", "apt", "ak", "cpa",
            "mr", "bc", "bsc", "dea", "kn", "hc", "sag", "spdi");

    /** Degrees that are almost never a name part even without dots or a comma. */
    private static final Set<String> UNAMBIGUOUS_DEGREES = set(
            "spd", "spdi", "skom", "ssos", "skep", "sfarm", "sked", "spsi", "shut", "sikom", "amd", "amdkeb",
            "amdkep", "amdkom", "amdfarm", "msi", "mkes", "mpd", "mkn", "msc", "mba", "meng", "mkom", "mpdi",
            "mhum", "phd", "spog", "sppd", "drs", "dra", "drg", "ssi", "sip", "sag", "shi", "sthi", "sei",
            "mph", "mars");

    /** Titles and salutations that open a name: Haji, academic, Bapak/Ibu, Palembang titles, Raden. */
    private static final Set<String> LEADING_TITLES = set(
            "h", "hj", "haji", "hajjah", "hajah", "kh", "ir", "dr", "drs", "dra", "drg", "prof", "bapak", "bpk",
            "bp", "pak", "ibu", "bu", "tn", "tuan", "ny", "nyonya", "sdr", "sdri", "saudara", "saudari", "nn",
            "nona", "kgs", "kemas", "kms", "mgs", "masagus", "nyayu", "nyimas", "nys", "raden", "r", "rd", "rr",
            "ra", "hir", "hj", "drh", "kgs", "mgs", "alm", "almarhum", "almh", "almarhumah", "an", "atas", "nama", "ust", "ustadz", "ustaz");

    private static final Set<String> RADEN = set("raden", "r", "rd");

    private static final Set<String> PATRONYM_MARKERS = set("bin", "binti", "bt", "bte", "bn");

    private static final Set<String> MUHAMMAD_ABBREVIATIONS = set(
            "m", "mh", "moh", "muh", "mhd", "mhmd", "md", "mohd", "muhd", "mokhd", "mokh", "mukh", "mu", "mmd");

    /** Muhammad after EYD rewriting (ch→kh): muhammad, mohamad, mokhammad, muhammat, mohamed, mamad… */
    // Compiled once: String.split and replaceAll with a regex compile it again on every call, which was a tenth
    // of the backfill's preparation time.
    private static final Pattern WORD_BREAKS = Pattern.compile("[\\s/()\\[\\]\"]+");
    private static final Pattern PIECE_BREAKS = Pattern.compile("[.\\-_]+");
    private static final Pattern MUHAMMAD = Pattern.compile("^m(o|u|e)?k?h{0,2}(a|e)m{1,2}(a|e)(d|t){1,2}$");

    /** Frequent first tokens whose spellings differ beyond EYD, folded to one form. */
    private static final Map<String, String> VARIANTS = Map.ofEntries(
            Map.entry("akhmad", "ahmad"), Map.entry("akhmat", "ahmad"), Map.entry("ahmat", "ahmad"),
            Map.entry("ahmed", "ahmad"), Map.entry("achmad", "ahmad"), Map.entry("abd", "abdul"),
            Map.entry("abdoel", "abdul"), Map.entry("nor", "nur"), Map.entry("noer", "nur"),
            Map.entry("sitti", "siti"), Map.entry("jusuf", "yusuf"), Map.entry("yusup", "yusuf"),
            Map.entry("zaenal", "zainal"), Map.entry("saiful", "syaiful"), Map.entry("syamsul", "samsul"),
            Map.entry("nurhayati", "nurhayati"), Map.entry("mochtar", "mukhtar"), Map.entry("mokhtar", "mukhtar"));

    private NameNormaliser() {
    }

    private static Set<String> set(String... words) {
        return Set.copyOf(java.util.Arrays.asList(words));
    }

    public static Name normalise(String raw) {
        String folded = Text.fold(raw);
        if (folded.isEmpty()) {
            return Name.EMPTY;
        }
        folded = folded.replace("'", "").replace("`", "").replace("\u2019", "");
        List<String> tokens = new ArrayList<>();
        String[] parts = folded.split(",");
        for (int p = 0; p < parts.length; p++) {
            boolean afterComma = p > 0;
            for (String word : WORD_BREAKS.split(parts[p].trim())) {
                if (word.isEmpty()) {
                    continue;
                }
                String compact = Text.keepLettersDigits(word, true);
                if (compact.isEmpty()) {
                    continue;
                }
                boolean dotted = word.indexOf('.') >= 0;
                if (dotted && !afterComma && LEADING_TITLES.contains(compact)) {
                    // "R.A." and "H.Ir." stay one title token; split, "A." would look like an initial.
                    tokens.add(compact);
                    continue;
                }
                if (DEGREES.contains(compact) && (dotted || afterComma || UNAMBIGUOUS_DEGREES.contains(compact))
                        && !(tokens.isEmpty() && !afterComma && !LEADING_TITLES.contains(compact))) {
                    continue;
                }
                for (String piece : PIECE_BREAKS.split(word)) {
                    String clean = Text.keepLettersDigits(piece, false);
                    if (!clean.isEmpty()) {
                        tokens.add(clean);
                    }
                }
            }
        }
        dropTrailingDegrees(tokens);
        int start = 0;
        // A leading title is dropped only if a real name follows it: "Ibu" alone stays a name.
        while (start < tokens.size() - 1 && (LEADING_TITLES.contains(tokens.get(start))
                || start > 0 && tokens.get(start).equals("ayu") && RADEN.contains(tokens.get(start - 1)))) {
            start++;
        }
        List<String> given = new ArrayList<>();
        List<String> father = new ArrayList<>();
        boolean inPatronym = false;
        for (int i = start; i < tokens.size(); i++) {
            String t = tokens.get(i);
            if (!inPatronym && PATRONYM_MARKERS.contains(t) && i > start && i < tokens.size() - 1) {
                inPatronym = true;
                continue;
            }
            String canonical = canonicalToken(t);
            if (canonical.isEmpty()) {
                continue;
            }
            (inPatronym ? father : given).add(canonical);
        }
        if (given.isEmpty()) {
            return Name.EMPTY;
        }
        return new Name(String.join(" ", given), List.copyOf(given), String.join(" ", father));
    }

    /**
     * Degrees typed without dots or comma at the end ("BUDI SANTOSO SE MM", "Rudi Hartono SH"), which the word-by-word
     * rule keeps because "se", "mm" or "sh" alone could be a name part: a run of two or more degrees after a name
     * word, or one degree without a vowel (SH, ST, MM, MH) after two name words, is dropped. Before, "mh" even became
     * Muhammad. A single "Se" or "Ma" at the end stays: it may be a name.
     */
    private static void dropTrailingDegrees(List<String> tokens) {
        int end = tokens.size();
        while (end > 0 && DEGREES.contains(tokens.get(end - 1))) {
            end--;
        }
        int run = tokens.size() - end;
        if (run >= 2 && end >= 1 || run == 1 && end >= 2 && !hasVowel(tokens.get(end))) {
            tokens.subList(end, tokens.size()).clear();
        }
    }

    private static boolean hasVowel(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u') {
                return true;
            }
        }
        return false;
    }

    /** One name token in current spelling, Muhammad and common variants folded. */
    static String canonicalToken(String token) {
        if (MUHAMMAD_ABBREVIATIONS.contains(token)) {
            return "muhammad";
        }
        String t = modernSpelling(token);
        if (MUHAMMAD.matcher(t).matches() || MUHAMMAD_ABBREVIATIONS.contains(t)) {
            return "muhammad";
        }
        String v = VARIANTS.get(t);
        if (v == null) {
            v = VARIANTS.get(token);
        }
        return v == null ? t : v;
    }

    /**
     * Pre-1972 (van Ophuijsen/Soewandi) spelling to EYD: oe→u, dj→j, tj→c, sj→sy, ch→kh, and in a word written in
     * the old spelling every other j→y (Tjahjo → Cahyo, Soejono → Suyono, Soenjoto → Sunyoto): the old j is
     * today's y, today's j was written dj. A word is in the old spelling when it has oe, dj, tj or sj, or starts
     * with nj (Njoman); elsewhere j and nj are current spelling (Joko, Tanjung, Panjaitan) and stay.
     */
    public static String modernSpelling(String token) {
        if (token.indexOf('o') < 0 && token.indexOf('j') < 0 && token.indexOf('c') < 0) {
            return token;
        }
        boolean old = token.contains("oe") || token.contains("dj") || token.contains("tj") || token.contains("sj")
                || token.startsWith("nj");
        String t = token.replace("oe", "u").replace("ch", "kh");
        if (!old || t.indexOf('j') < 0) {
            return t;
        }
        StringBuilder b = new StringBuilder(t.length() + 2);
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            boolean beforeJ = i + 1 < t.length() && t.charAt(i + 1) == 'j';
            if (beforeJ && c == 'd') {
                b.append('j');
                i++;
            } else if (beforeJ && c == 't') {
                b.append('c');
                i++;
            } else if (beforeJ && c == 's') {
                b.append("sy");
                i++;
            } else {
                b.append(c == 'j' ? 'y' : c);
            }
        }
        return b.toString();
    }

    /**
     * A coarse sound key for blocking only: letters that Indonesian spellings swap (y/i, z/s, v/f, q/k,
     * kh/k, sy/s) are merged, doubled letters collapsed and vowels after the first letter dropped.
     */
    public static String phonetic(String token) {
        if (token == null || token.isEmpty()) {
            return "";
        }
        String t = token.replace("kh", "k").replace("sy", "s").replace("ph", "f").replace("dz", "z");
        StringBuilder b = new StringBuilder(t.length());
        char last = 0;
        for (int i = 0; i < t.length(); i++) {
            char c = switch (t.charAt(i)) {
                case 'v' -> 'f';
                case 'z' -> 's';
                case 'q' -> 'k';
                case 'y' -> 'i';
                case 'c' -> 'c';
                default -> t.charAt(i);
            };
            boolean vowel = c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
            if (i > 0 && (vowel || c == 'h')) {
                last = vowel ? 0 : last;
                continue;
            }
            if (c != last) {
                b.append(c);
            }
            last = c;
        }
        return b.toString();
    }
}
