package id.simpul.applicant.match;

import id.simpul.applicant.normalise.NameNormaliser;
import java.util.Arrays;

/**
 * The blocks a record is filed under. Every true match should share at least one block with its
 * applicant's other records while each block stays small: identifiers on their own, and names only
 * combined with something that splits common names (birth date or year, region).
 */
public final class BlockingKeys {

    static final int NIK = 1;
    static final int NPWP = 2;
    static final int NIB = 3;
    static final int PHONE = 4;
    static final int EMAIL = 5;
    static final int FIRST_LAST_YEAR = 6;
    static final int FIRST_BIRTH = 7;
    static final int LAST_BIRTH = 8;
    static final int NAME_REGION = 9;
    static final int NAME = 10;
    static final int BIRTH_INITIAL = 11;
    static final int STREET = 12;
    static final int ORG = 32;

    private BlockingKeys() {
    }

    /** The blocks a record is filed under. */
    public static long[] of(Features f) {
        return keys(f, true);
    }

    /**
     * The blocks searched for a record's candidates. A person with a birth date finds same-named records
     * through the name + birth-date blocks; the bare name block (for common names always full to the cap)
     * is searched only by records without a birth date.
     */
    public static long[] probes(Features f) {
        return keys(f, f.organization || f.birthDate == 0);
    }

    /** The bare-name block of a record (0 without a name): its size is the name's frequency in the registry. */
    public static long nameKey(Features f) {
        return f.tokens.length == 0 ? 0 : Hashing.key((f.organization ? ORG : 0) + NAME, Hashing.hash64(sortedPhonetic(f.tokens)));
    }

    private static long[] keys(Features f, boolean bareName) {
        long[] out = new long[14];
        int n = 0;
        int t = f.organization ? ORG : 0;
        if (f.nik != 0) {
            out[n++] = Hashing.key(NIK, f.nik);
        }
        if (f.npwp != 0) {
            // A company's by taxpayer, so its branches (other branch suffix) share the block with its head office;
            // a person's whole, since a wife may report under her husband's digits (ScoringModel).
            out[n++] = Hashing.key(t + NPWP, f.organization ? f.npwpTaxpayer() : f.npwp);
        }
        if (f.nib != 0) {
            out[n++] = Hashing.key(t + NIB, f.nib);
        }
        if (f.phone != 0) {
            out[n++] = Hashing.key(t + PHONE, f.phone);
        }
        if (f.email != 0) {
            out[n++] = Hashing.key(t + EMAIL, f.email);
        }
        if (f.tokens.length > 0) {
            String first = NameNormaliser.phonetic(f.tokens[0]);
            String last = NameNormaliser.phonetic(f.tokens[f.tokens.length - 1]);
            long sorted = Hashing.hash64(sortedPhonetic(f.tokens));
            if (bareName) {
                out[n++] = Hashing.key(t + NAME, sorted);
            }
            int region = f.regencyCode != 0 ? f.regencyCode : f.regency;
            if (region != 0) {
                out[n++] = Hashing.key(t + NAME_REGION, sorted * 31 + region);
            }
            if (f.street != 0) {
                // Household and office: same street and number; typos in the name do not matter here.
                out[n++] = Hashing.key(t + STREET, (long) f.street * 31 + f.tokens[0].charAt(0));
            }
            if (f.organization) {
                if (f.tokens.length > 1) {
                    out[n++] = Hashing.key(t + FIRST_LAST_YEAR, Hashing.hash64(first + " " + NameNormaliser.phonetic(f.tokens[1])));
                }
            } else if (f.birthDate != 0) {
                out[n++] = Hashing.key(FIRST_LAST_YEAR, Hashing.hash64(first + " " + last) * 31 + f.birthYear());
                out[n++] = Hashing.key(FIRST_BIRTH, Hashing.hash64(first) * 31 + f.birthDate);
                // Birth date and initial only: catches typos the sound keys miss ("Juwiea"/"Juwita").
                out[n++] = Hashing.key(BIRTH_INITIAL, (long) f.birthDate * 31 + f.tokens[0].charAt(0));
                if (f.tokens.length > 1) {
                    out[n++] = Hashing.key(LAST_BIRTH, Hashing.hash64(last) * 31 + f.birthDate);
                }
            }
        }
        return Arrays.copyOf(out, n);
    }

    private static String sortedPhonetic(String[] tokens) {
        String[] p = new String[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            p[i] = NameNormaliser.phonetic(tokens[i]);
        }
        Arrays.sort(p);
        return String.join(" ", p);
    }
}
