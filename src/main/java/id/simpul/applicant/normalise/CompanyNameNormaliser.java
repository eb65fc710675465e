package id.simpul.applicant.normalise;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Organisation names: the legal form (PT, PT., P.T., Perseroan Terbatas, CV, Fa, UD, Koperasi/KSU/KUD,
 * Yayasan, Perum, Perumda, BUM Desa …) becomes the OSS {@code jenis_perseroan} code (PIA Lampiran 2),
 * Tbk and (Persero) become flags, and what remains is the core name compared between records.
 */
public final class CompanyNameNormaliser {

    /** {@code formCode} is the OSS code, or "" when the name carries no recognisable form. */
    public record CompanyName(String core, List<String> tokens, String formCode, boolean tbk, boolean persero) {
        public static final CompanyName EMPTY = new CompanyName("", List.of(), "", false, false);

        public boolean isEmpty() {
            return tokens.isEmpty();
        }
    }

    public static final String PT = "01";
    public static final String CV = "02";
    public static final String BADAN_USAHA_PEMERINTAH = "04";
    public static final String FIRMA = "05";
    public static final String PERSEKUTUAN_PERDATA = "06";
    public static final String KOPERASI = "07";
    public static final String DANA_PENSIUN = "08";
    public static final String PERKUMPULAN = "09";
    public static final String YAYASAN = "10";
    public static final String PERSEORANGAN = "17";
    public static final String PERUM = "21";
    public static final String PERUMDA = "22";
    public static final String PERUSDA = "23";
    public static final String PT_PERORANGAN = "26";
    public static final String BUM_DESA = "28";
    public static final String BUM_DESA_BERSAMA = "29";

    /** Multi-word forms first: the longest phrase at the start or end of the name wins. */
    private static final Map<String, String> FORMS = Map.ofEntries(
            Map.entry("perseroan terbatas perorangan", PT_PERORANGAN),
            Map.entry("pt perorangan", PT_PERORANGAN),
            Map.entry("perseroan terbatas", PT),
            Map.entry("perusahaan terbatas", PT),
            Map.entry("pt", PT),
            Map.entry("perseroan komanditer", CV),
            Map.entry("persekutuan komanditer", CV),
            Map.entry("commanditaire vennootschap", CV),
            Map.entry("cv", CV),
            Map.entry("firma", FIRMA),
            Map.entry("fa", FIRMA),
            Map.entry("persekutuan perdata", PERSEKUTUAN_PERDATA),
            Map.entry("koperasi serba usaha", KOPERASI),
            Map.entry("koperasi unit desa", KOPERASI),
            Map.entry("koperasi simpan pinjam", KOPERASI),
            Map.entry("koperasi produsen", KOPERASI),
            Map.entry("koperasi konsumen", KOPERASI),
            Map.entry("koperasi", KOPERASI),
            Map.entry("kop", KOPERASI),
            Map.entry("ksu", KOPERASI),
            Map.entry("kud", KOPERASI),
            Map.entry("ksp", KOPERASI),
            Map.entry("dana pensiun", DANA_PENSIUN),
            Map.entry("dapen", DANA_PENSIUN),
            Map.entry("perkumpulan", PERKUMPULAN),
            Map.entry("yayasan", YAYASAN),
            Map.entry("yys", YAYASAN),
            Map.entry("usaha dagang", PERSEORANGAN),
            Map.entry("ud", PERSEORANGAN),
            Map.entry("perusahaan umum daerah", PERUMDA),
            Map.entry("perumda", PERUMDA),
            Map.entry("perusahaan daerah", PERUSDA),
            Map.entry("perusda", PERUSDA),
            Map.entry("pd", PERUSDA),
            Map.entry("perusahaan umum", PERUM),
            Map.entry("perum", PERUM),
            Map.entry("badan usaha milik desa bersama", BUM_DESA_BERSAMA),
            Map.entry("bum desa bersama", BUM_DESA_BERSAMA),
            Map.entry("bumdes bersama", BUM_DESA_BERSAMA),
            Map.entry("badan usaha milik desa", BUM_DESA),
            Map.entry("bum desa", BUM_DESA),
            Map.entry("bumdes", BUM_DESA),
            Map.entry("bumdesa", BUM_DESA));

    private static final int LONGEST_FORM = 5;

    private static final Set<String> TBK = Set.of("tbk", "terbuka");
    private static final Set<String> PERSERO = Set.of("persero");

    /** Compiled once (String.split and replaceAll compile their regex on every call). */
    /**
     * Single letters each followed by a dot, two or more: "P.T.", "C.V.", and "K.U.D.", "K. S. P." too; pairs only
     * left "K.U.D." as "k" + "ud", read as the form UD (17) at the end of a name and as no form at its start.
     */
    private static final Pattern DOTTED_LETTERS = Pattern.compile("\\b[a-z]\\.(?:\\s?[a-z]\\.)+(?=\\s|$|,)");
    private static final Pattern NON_ALNUM = Pattern.compile("[^a-z0-9]+");
    private static final Pattern NON_LETTER = Pattern.compile("[^a-z]+");

    private CompanyNameNormaliser() {
    }

    public static CompanyName normalise(String raw) {
        String folded = Text.fold(raw);
        if (folded.isEmpty()) {
            return CompanyName.EMPTY;
        }
        // "P.T.", "C.V." and "K.U.D." are one token: join single letters separated by dots before splitting.
        folded = DOTTED_LETTERS.matcher(folded).replaceAll(m -> NON_LETTER.matcher(m.group()).replaceAll(""))
                .replace("&", " dan ").replace("'", "");
        List<String> tokens = new ArrayList<>();
        for (String w : NON_ALNUM.split(folded)) {
            if (!w.isEmpty()) {
                tokens.add(w);
            }
        }
        boolean tbk = false;
        boolean persero = false;
        List<String> rest = new ArrayList<>();
        for (String t : tokens) {
            if (TBK.contains(t)) {
                tbk = true;
            } else if (PERSERO.contains(t)) {
                persero = true;
            } else {
                rest.add(t);
            }
        }
        String form = "";
        if (rest.size() > 2 && rest.get(0).length() == 1 && rest.get(1).length() == 1
                && FORMS.containsKey(rest.get(0) + rest.get(1))) {
            rest.set(1, rest.get(0) + rest.get(1));
            rest.remove(0);
        }
        int cut = formAt(rest, true);
        if (cut > 0) {
            form = FORMS.get(String.join(" ", rest.subList(0, cut)));
            rest = new ArrayList<>(rest.subList(cut, rest.size()));
        } else {
            cut = formAt(rest, false);
            if (cut > 0) {
                form = FORMS.get(String.join(" ", rest.subList(rest.size() - cut, rest.size())));
                rest = new ArrayList<>(rest.subList(0, rest.size() - cut));
            }
        }
        if (persero && form.isEmpty()) {
            form = PT;
        }
        List<String> core = new ArrayList<>(rest.size());
        for (String t : rest) {
            core.add(NameNormaliser.modernSpelling(t));
        }
        if (core.isEmpty()) {
            return new CompanyName("", List.of(), form, tbk, persero);
        }
        return new CompanyName(String.join(" ", core), List.copyOf(core), form, tbk, persero);
    }

    /** Length in tokens of the longest form phrase at the start (or end) of the name, or 0. */
    private static int formAt(List<String> tokens, boolean start) {
        for (int len = Math.min(LONGEST_FORM, tokens.size() - 1); len >= 1; len--) {
            List<String> slice = start ? tokens.subList(0, len) : tokens.subList(tokens.size() - len, tokens.size());
            if (FORMS.containsKey(String.join(" ", slice))) {
                return len;
            }
        }
        return 0;
    }
}
