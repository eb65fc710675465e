package id.simpul.applicant.match;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Fellegi–Sunter match weights: for each field a comparison level, and for each level the weight
 * log2(m/u), where m is the probability of that level among records of the same applicant and u among
 * records of different applicants. The total is the evidence for "same"; thresholds turn it into
 * link / review / new master. The m/u values and the reasoning behind each are in
 * docs/applicant-matching.md; they were tuned on generated data seeds 1–5 only.
 */
public final class ScoringModel {

    /** One field's part in a score, kept with the link so it can explain itself. */
    public record Contribution(String field, String level, double weight) {
        @Override
        public String toString() {
            return field + ":" + level + ":" + (weight >= 0 ? "+" : "") + Math.round(weight * 10) / 10.0;
        }
    }

    public static final double TYPE_MISMATCH = -100;

    // Identifiers. NIK: m(agree)=0.95, u≈1e-5 for a consistent NIK; a NIK that contradicts its own record
    // may be a relative's, so it is worth much less. NPWP is shared by spouses: weak for persons.
    static final double NIK_AGREE = 16;
    static final double NIK_AGREE_WEAK = 6;
    static final double NIK_NEAR = 6;
    static final double NIK_NEAR_WEAK = 3;
    static final double NIK_DISAGREE = -4;
    static final double NIK_DISAGREE_WEAK = -1;
    static final double NPWP_AGREE_PERSON = 3;
    static final double NPWP_DISAGREE_PERSON = -1;
    static final double NPWP_AGREE_ORG = 12;
    static final double NPWP_DISAGREE_ORG = -4;
    static final double NIB_AGREE_PERSON = 8;
    static final double NIB_DISAGREE_PERSON = -1.5;
    static final double NIB_AGREE_ORG = 14;
    static final double NIB_DISAGREE_ORG = -6;

    // Names, by level: EXACT, STRONG, PARTIAL, WEAK, DISAGREE. A one-word person name ("Wati", "Edi") is
    // shared by many more people than a three-word one, so agreement on it is worth less (u is larger).
    static final double[] NAME_PERSON = {9, 7, 4.5, 1, -7};
    static final double[] NAME_PERSON_ONE_WORD = {6.5, 5, 4.5, 1, -7};
    static final double[] NAME_PERSON_LONG = {10.5, 8.5, 4.5, 1, -7};
    static final double[] NAME_ORG = {9, 7, 3, -1, -8};
    static final double[] NAME_ORG_LONG = {10.5, 8, 3, -1, -8};
    static final double FORM_AGREE = 1.5;
    static final double FORM_DISAGREE = -5;
    static final double PATRONYM_AGREE = 2;
    static final double PATRONYM_DISAGREE = -3;

    static final double BIRTH_AGREE = 10;
    static final double BIRTH_PARTIAL = 3;
    static final double BIRTH_DISAGREE = -5;
    static final double GENDER_AGREE = 0.2;
    static final double GENDER_DISAGREE = -5;
    static final double PLACE_AGREE = 1.5;
    static final double PLACE_DISAGREE = -0.5;

    static final double STREET_AGREE = 4;
    static final double RTRW_AGREE = 0.5;
    static final double VILLAGE_AGREE = 1;
    static final double DISTRICT_AGREE = 0.6;
    static final double REGENCY_AGREE = 0.3;
    static final double REGENCY_DISAGREE = -0.5;
    static final double PHONE_AGREE_PERSON = 4;
    static final double PHONE_AGREE_ORG = 5;
    static final double PHONE_DISAGREE = -0.3;
    static final double EMAIL_AGREE = 6;
    static final double EMAIL_DISAGREE = -0.3;

    static final int EXACT = 0;
    static final int STRONG = 1;
    static final int PARTIAL = 2;
    static final int WEAK = 3;
    static final int DISAGREE = 4;
    static final int MISSING = 5;
    private static final String[] LEVELS = {"EXACT", "STRONG", "PARTIAL", "WEAK", "DISAGREE", "MISSING"};

    /** Tokens too common to carry a name on their own ("Muhammad" ⊂ "Muhammad Rizki" proves nothing). */
    private static final Set<String> UNINFORMATIVE = Set.of("muhammad", "siti", "nur", "ahmad", "abdul", "sri", "dwi",
            "tri", "eka", "putri", "putra", "dewi", "agus", "budi", "nurul", "indah", "sinar", "jaya", "abadi",
            "makmur", "sejahtera", "mandiri", "bersama", "sentosa", "karya", "maju", "utama");

    private interface Sink {
        void add(String field, int level, double weight);
    }

    public double score(Features a, Features b) {
        return score(a, b, Double.MAX_VALUE, null);
    }

    /**
     * @param nameCap the most a name agreement may weigh: log2(m/u) with u the name's frequency in the registry
     *                (see {@link #nameCap}); a name thousands of people share proves less than a rare one
     */
    public double score(Features a, Features b, double nameCap) {
        return score(a, b, nameCap, null);
    }

    public List<Contribution> explain(Features a, Features b) {
        return explain(a, b, Double.MAX_VALUE);
    }

    public List<Contribution> explain(Features a, Features b, double nameCap) {
        List<Contribution> out = new ArrayList<>();
        score(a, b, nameCap, (field, level, weight) -> out.add(new Contribution(field, LEVELS[level], weight)));
        return out;
    }

    /**
     * Term-frequency adjustment of name agreement: u = share of the registry's records filed under the same name
     * (floored at 1 in 10,000 records so a young registry is not over-trusted), m = 0.6.
     */
    public static double nameCap(int sameName, long records) {
        double u = (double) Math.max(sameName, 1) / Math.max(records, 10_000);
        return Math.log(NAME_M / u) / Math.log(2);
    }

    static final double NAME_M = 0.6;

    private double score(Features a, Features b, double nameCap, Sink sink) {
        if (a.organization != b.organization) {
            if (sink != null) {
                sink.add("type", DISAGREE, TYPE_MISMATCH);
            }
            return TYPE_MISMATCH;
        }
        boolean org = a.organization;
        double total = 0;
        // Two equal consistent NIKs already say everything their digits hold: a STRONG NIK agrees with its record's
        // birth date and sex, or filled them in where the record had none. Scoring birth date and sex again would
        // count the same digits twice (+16 +10.2): a record with someone else's NIK under another name scored 19.2
        // and was linked to that person.
        boolean sameStrongNik = a.nik != 0 && a.nik == b.nik && a.nikQuality == Features.NIK_STRONG
                && b.nikQuality == Features.NIK_STRONG;
        if (a.nik != 0 && b.nik != 0) {
            boolean strong = a.nikQuality == Features.NIK_STRONG && b.nikQuality == Features.NIK_STRONG;
            if (a.nik == b.nik) {
                total += add(sink, "nik", strong ? EXACT : WEAK, strong ? NIK_AGREE : NIK_AGREE_WEAK);
            } else if (nikNear(a, b)) {
                total += add(sink, "nik", PARTIAL, strong ? NIK_NEAR : NIK_NEAR_WEAK);
            } else {
                total += add(sink, "nik", DISAGREE, strong ? NIK_DISAGREE : NIK_DISAGREE_WEAK);
            }
        }
        if (a.npwp != 0 && b.npwp != 0) {
            // A company's branch (its taxpayer's digits, another tax office or branch suffix) agrees like the same
            // NPWP, shown as STRONG in the evidence. Not a person's: a married woman without an NPWP of her own
            // reports under her husband's digits with another suffix.
            total += a.npwp == b.npwp
                    ? add(sink, "npwp", EXACT, org ? NPWP_AGREE_ORG : NPWP_AGREE_PERSON)
                    : org && a.npwpTaxpayer() == b.npwpTaxpayer()
                    ? add(sink, "npwp", STRONG, org ? NPWP_AGREE_ORG : NPWP_AGREE_PERSON)
                    : add(sink, "npwp", DISAGREE, org ? NPWP_DISAGREE_ORG : NPWP_DISAGREE_PERSON);
        }
        if (a.nib != 0 && b.nib != 0) {
            total += a.nib == b.nib
                    ? add(sink, "nib", EXACT, org ? NIB_AGREE_ORG : NIB_AGREE_PERSON)
                    : add(sink, "nib", DISAGREE, org ? NIB_DISAGREE_ORG : NIB_DISAGREE_PERSON);
        }
        int nameLevel = nameLevel(a, b);
        if (nameLevel != MISSING) {
            int words = Math.min(a.tokens.length, b.tokens.length);
            double[] weights = org ? (words >= 3 ? NAME_ORG_LONG : NAME_ORG)
                    : words <= 1 ? NAME_PERSON_ONE_WORD : words >= 3 ? NAME_PERSON_LONG : NAME_PERSON;
            double w = weights[nameLevel];
            total += add(sink, "name", nameLevel, w > 0 ? Math.min(w, nameCap) : w);
        }
        if (org) {
            if (!a.formCode.isEmpty() && !b.formCode.isEmpty()) {
                total += a.formCode.equals(b.formCode) ? add(sink, "form", EXACT, FORM_AGREE)
                        : add(sink, "form", DISAGREE, FORM_DISAGREE);
            }
        } else {
            if (!a.patronym.isEmpty() && !b.patronym.isEmpty()) {
                total += a.patronym.equals(b.patronym) || JaroWinkler.similarity(a.patronym, b.patronym) >= 0.9
                        ? add(sink, "patronym", EXACT, PATRONYM_AGREE)
                        : add(sink, "patronym", DISAGREE, PATRONYM_DISAGREE);
            }
            if (a.birthDate != 0 && b.birthDate != 0 && !sameStrongNik) {
                int level = birthLevel(a.birthDate, b.birthDate);
                total += add(sink, "birthDate", level,
                        level == EXACT ? BIRTH_AGREE : level == PARTIAL ? BIRTH_PARTIAL : BIRTH_DISAGREE);
            }
            if (a.gender != 0 && b.gender != 0 && !sameStrongNik) {
                total += a.gender == b.gender ? add(sink, "gender", EXACT, GENDER_AGREE)
                        : add(sink, "gender", DISAGREE, GENDER_DISAGREE);
            }
            if (a.birthPlace != 0 && b.birthPlace != 0) {
                total += a.birthPlace == b.birthPlace ? add(sink, "birthPlace", EXACT, PLACE_AGREE)
                        : add(sink, "birthPlace", DISAGREE, PLACE_DISAGREE);
            }
        }
        total += address(a, b, sink);
        if (a.phone != 0 && b.phone != 0) {
            total += a.phone == b.phone ? add(sink, "phone", EXACT, org ? PHONE_AGREE_ORG : PHONE_AGREE_PERSON)
                    : add(sink, "phone", DISAGREE, PHONE_DISAGREE);
        }
        if (a.email != 0 && b.email != 0) {
            total += a.email == b.email ? add(sink, "email", EXACT, EMAIL_AGREE)
                    : add(sink, "email", DISAGREE, EMAIL_DISAGREE);
        }
        return total;
    }

    /**
     * Evidence that two records are different applicants whatever else agrees: two consistent NIKs that
     * are not even a typo apart, birth dates that differ beyond a typo, different sexes; for organisations
     * different NIBs, NPWPs of different taxpayers (a branch's NPWP is its company's) or legal forms. Used to stop one ambiguous record from chaining two masters.
     */
    public boolean conflicts(Features a, Features b) {
        if (a.organization != b.organization) {
            return true;
        }
        if (a.organization) {
            return a.nib != 0 && b.nib != 0 && a.nib != b.nib
                    || a.npwp != 0 && b.npwp != 0 && a.npwpTaxpayer() != b.npwpTaxpayer()
                    || !a.formCode.isEmpty() && !b.formCode.isEmpty() && !a.formCode.equals(b.formCode);
        }
        return a.nikQuality == Features.NIK_STRONG && b.nikQuality == Features.NIK_STRONG && a.nik != b.nik && !nikNear(a, b)
                || a.birthDate != 0 && b.birthDate != 0 && birthLevel(a.birthDate, b.birthDate) == DISAGREE
                || a.gender != 0 && b.gender != 0 && a.gender != b.gender;
    }

    /**
     * Two of the three NIK parts (region, date, serial) equal: one mistyped digit. The parts are known only by keyed
     * hashes, so a part's digits cannot be counted, except the date part of two consistent (STRONG) NIKs: it is the
     * record's birth date and sex (DDMMYY, +40 for women), so dates more than one digit apart are two people (serials
     * restart for every district and birth date, and 0001 is the commonest), not a typo.
     */
    static boolean nikNear(Features a, Features b) {
        if (a.nikRegion == 0 || b.nikRegion == 0) {
            return false;
        }
        int same = (a.nikRegion == b.nikRegion ? 1 : 0) + (a.nikDate == b.nikDate ? 1 : 0) + (a.nikSerial == b.nikSerial ? 1 : 0);
        if (same != 2) {
            return false;
        }
        if (a.nikDate != b.nikDate && a.nikQuality == Features.NIK_STRONG && b.nikQuality == Features.NIK_STRONG
                && a.birthDate != 0 && b.birthDate != 0 && a.gender != 0 && b.gender != 0) {
            return digitsApart(nikDate(a), nikDate(b)) == 1;
        }
        return true;
    }

    /** DDMMYY as a STRONG NIK writes it: the record's birth date, 40 added to the day for a woman. */
    private static int nikDate(Features f) {
        int day = f.birthDate % 100 + (f.gender == 'F' ? 40 : 0);
        return day * 10000 + f.birthDate / 100 % 100 * 100 + f.birthYear() % 100;
    }

    private static int digitsApart(int x, int y) {
        int diff = 0;
        for (int i = 0; i < 6; i++) {
            if (x % 10 != y % 10) {
                diff++;
            }
            x /= 10;
            y /= 10;
        }
        return diff;
    }

    private static double address(Features a, Features b, Sink sink) {
        double total = 0;
        boolean sameStreet = a.street != 0 && a.street == b.street;
        if (sameStreet) {
            total += add(sink, "street", EXACT, STREET_AGREE);
            if (a.rtRw != 0 && a.rtRw == b.rtRw) {
                total += add(sink, "rtRw", EXACT, RTRW_AGREE);
            }
        }
        if (a.village != 0 && a.village == b.village) {
            total += add(sink, "region", EXACT, VILLAGE_AGREE);
        } else if (a.district != 0 && a.district == b.district || a.districtCode != 0 && a.districtCode == b.districtCode) {
            total += add(sink, "region", STRONG, DISTRICT_AGREE);
        } else if (a.regency != 0 && a.regency == b.regency || a.regencyCode != 0 && a.regencyCode == b.regencyCode) {
            total += add(sink, "region", PARTIAL, REGENCY_AGREE);
        } else if (a.regency != 0 && b.regency != 0 || a.regencyCode != 0 && b.regencyCode != 0) {
            total += add(sink, "region", DISAGREE, REGENCY_DISAGREE);
        }
        return total;
    }

    private static double add(Sink sink, String field, int level, double weight) {
        if (sink != null) {
            sink.add(field, level, weight);
        }
        return weight;
    }

    static int birthLevel(int x, int y) {
        if (x == y) {
            return EXACT;
        }
        int yx = x / 10000;
        int mx = x / 100 % 100;
        int dx = x % 100;
        int yy = y / 10000;
        int my = y / 100 % 100;
        int dy = y % 100;
        boolean partial = yx == yy && (mx == my || dx == dy || mx == dy && dx == my)
                || mx == my && dx == dy && (Math.abs(yx - yy) == 1 || oneDigitApart(yx, yy));
        return partial ? PARTIAL : DISAGREE;
    }

    private static boolean oneDigitApart(int a, int b) {
        int diff = 0;
        for (int i = 0; i < 4; i++) {
            if (a % 10 != b % 10) {
                diff++;
            }
            a /= 10;
            b /= 10;
        }
        return diff == 1;
    }

    static int nameLevel(Features a, Features b) {
        if (a.name.isEmpty() || b.name.isEmpty()) {
            return MISSING;
        }
        if (a.name.equals(b.name)) {
            return EXACT;
        }
        double jw = JaroWinkler.similarity(a.name, b.name);
        String[] shorter = a.tokens.length <= b.tokens.length ? a.tokens : b.tokens;
        String[] longer = shorter == a.tokens ? b.tokens : a.tokens;
        int aligned = 0;
        boolean informative = false;
        boolean[] used = new boolean[longer.length];
        for (String s : shorter) {
            for (int j = 0; j < longer.length; j++) {
                if (!used[j] && tokenMatch(s, longer[j])) {
                    used[j] = true;
                    aligned++;
                    if (s.length() >= 3 && !UNINFORMATIVE.contains(s)) {
                        informative = true;
                    }
                    break;
                }
            }
        }
        boolean allAligned = aligned == shorter.length;
        if (allAligned && shorter.length == longer.length && (jw >= 0.85 || shorter.length > 1)) {
            return STRONG;
        }
        if (jw >= 0.95) {
            return STRONG;
        }
        boolean enoughTokens = !a.organization || shorter.length >= 2;
        if (allAligned && informative && enoughTokens) {
            return PARTIAL;
        }
        if (jw >= 0.9 && aligned > 0) {
            return WEAK;
        }
        return DISAGREE;
    }

    /** Equal, a close spelling (one typo in a long token), or an initial standing for the token. */
    private static boolean tokenMatch(String s, String t) {
        if (s.equals(t)) {
            return true;
        }
        if (s.length() == 1 || t.length() == 1) {
            return s.charAt(0) == t.charAt(0);
        }
        if (Math.min(s.length(), t.length()) < 4 || Math.abs(s.length() - t.length()) > 1) {
            return false;
        }
        return oneEditApart(s, t) || JaroWinkler.similarity(s, t) >= 0.9;
    }

    /** One substitution, insertion, deletion or swap of neighbours: the typos counters make. */
    static boolean oneEditApart(String s, String t) {
        int n = s.length();
        int m = t.length();
        int i = 0;
        while (i < n && i < m && s.charAt(i) == t.charAt(i)) {
            i++;
        }
        if (n == m) {
            if (s.regionMatches(i + 1, t, i + 1, n - i - 1)) {
                return true;
            }
            return i + 1 < n && s.charAt(i) == t.charAt(i + 1) && s.charAt(i + 1) == t.charAt(i)
                    && s.regionMatches(i + 2, t, i + 2, n - i - 2);
        }
        return n > m ? s.regionMatches(i + 1, t, i, m - i) : t.regionMatches(i + 1, s, i, n - i);
    }
}
