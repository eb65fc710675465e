package id.simpul.applicant.match;

import id.simpul.applicant.ApplicantType;
import id.simpul.applicant.SourceRecord;
import id.simpul.applicant.normalise.AddressNormaliser;
import id.simpul.applicant.normalise.CompanyNameNormaliser;
import id.simpul.applicant.normalise.Identifiers;
import id.simpul.applicant.normalise.NameNormaliser;
import id.simpul.applicant.normalise.Nik;
import id.simpul.applicant.pii.PiiProtector;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Raw source record to {@link Features}, plus what the store keeps of the NIK and of a 16-digit NPWP (hash and
 * ciphertext).
 *
 * <p>Since 2024 a resident's NPWP is their NIK, so a 16-digit NPWP is kept like the NIK: the store gets its HMAC
 * (equality and blocking) and AES-GCM ciphertext, never the digits, and {@link Features#npwp} holds a key derived
 * from the HMAC. A 15-digit NPWP (a company's, or a person's from before 2024) is not a NIK: it stays in clear,
 * like the NIB, and matches as its number. That is where the hub's screens draw the line too (they mask a
 * 16-digit NPWP like a NIK and show a 15-digit one); see docs/dpia-applicant-matching.md.
 */
public final class FeatureExtractor {

    /**
     * @param nikHmac    hex HMAC of the NIK digits, null when no usable NIK
     * @param nikParts   keyed hashes (8 hex each) of the NIK's region, birth-date and serial parts, or null
     * @param nikCipher  AES-GCM ciphertext of the NIK digits, null when no NIK was given
     * @param npwp       the canonical NPWP to store in clear: a 15-digit one; null when absent or a NIK (16 digits)
     * @param npwpHmac   hex HMAC of a 16-digit NPWP's digits (the same keyed hash as the NIK's), null otherwise
     * @param npwpCipher AES-GCM ciphertext of a 16-digit NPWP's digits, null otherwise
     * @param birthDate  effective birth date (stated, or read from a consistent NIK), yyyy-MM-dd or null
     * @param gender     effective sex, "M"/"F" or null
     */
    public record Extracted(Features features, String nikHmac, String nikParts, String nikCipher,
                            Nik.Quality nikQuality, String npwp, String npwpHmac, String npwpCipher, String birthDate,
                            String gender) {
    }

    private static final Pattern DMY = Pattern.compile("(\\d{1,2})[-/. ](\\d{1,2})[-/. ](\\d{4})");
    private static final Pattern YMD = Pattern.compile("(\\d{4})[-/. ]?(\\d{1,2})[-/. ]?(\\d{1,2})");

    private final PiiProtector pii;
    private final Clock clock;

    public FeatureExtractor(PiiProtector pii, Clock clock) {
        this.pii = pii;
        this.clock = clock;
    }

    public Extracted extract(SourceRecord r) {
        LocalDate stated = parseDate(r.birthDate());
        String statedGender = gender(r.gender());
        Nik nik = Nik.parse(r.nik(), stated, statedGender, LocalDate.now(clock));
        String hmac = nik.usable() ? pii.hmac(nik.digits()) : null;
        String parts = null;
        if (hmac != null) {
            String d = nik.digits();
            parts = pii.hmac("region:" + d.substring(0, 6)).substring(0, 8) + pii.hmac("date:" + d.substring(6, 12)).substring(0, 8)
                    + pii.hmac("serial:" + d.substring(12)).substring(0, 8);
        }
        String cipher = nik.digits().isEmpty() ? null : pii.encrypt(nik.digits());
        LocalDate born = stated;
        String sex = statedGender;
        if (nik.quality() == Nik.Quality.STRONG) {
            // A consistent NIK carries birth date and sex even where the form left them empty.
            born = born == null ? nik.birthDate() : born;
            sex = sex == null ? (nik.female() ? "F" : "M") : sex;
        }
        byte quality = switch (nik.quality()) {
            case STRONG -> Features.NIK_STRONG;
            case WEAK -> Features.NIK_WEAK;
            default -> Features.NIK_NONE;
        };
        String bd = born == null ? null : born.format(DateTimeFormatter.ISO_LOCAL_DATE);
        String npwp = Identifiers.npwp(r.npwp());
        PiiProtector.Sealed sealed = Identifiers.npwpIsNik(npwp) ? sealNpwp(npwp) : null;
        String clearNpwp = sealed != null || npwp.isEmpty() ? null : npwp;
        Features f = features(r, hmac == null ? 0 : PiiProtector.hmacPrefix(hmac), quality, parts(parts),
                npwpKey(clearNpwp, sealed == null ? null : sealed.hmac()), born, sex);
        return new Extracted(f, hmac, parts, cipher, nik.quality(), clearNpwp, sealed == null ? null : sealed.hmac(),
                sealed == null ? null : sealed.cipher(), bd, sex);
    }

    /** What the store keeps of a 16-digit NPWP (canonical digits) instead of the digits. */
    public PiiProtector.Sealed sealNpwp(String npwp) {
        return pii.seal(npwp);
    }

    /**
     * Rebuilds features from a stored record: the NIK, and a 16-digit NPWP, are known only by their HMACs there
     * ({@code stored.npwp()} is a 15-digit NPWP or null).
     */
    public static Features restore(SourceRecord stored, String nikHmac, String nikParts, Nik.Quality quality,
                                   String npwpHmac) {
        byte q = quality == Nik.Quality.STRONG ? Features.NIK_STRONG
                : quality == Nik.Quality.WEAK ? Features.NIK_WEAK : Features.NIK_NONE;
        long nik = nikHmac == null || q == Features.NIK_NONE ? 0 : PiiProtector.hmacPrefix(nikHmac);
        String npwp = Identifiers.npwp(stored.npwp());
        return features(stored, nik, q, nik == 0 ? null : parts(nikParts),
                npwpKey(Identifiers.npwpIsNik(npwp) ? null : npwp, npwpHmac), parseDate(stored.birthDate()),
                gender(stored.gender()));
    }

    /**
     * {@link Features#npwp}: a 15-digit NPWP as its number (below 10^15); a 16-digit one by the first 8 bytes of its
     * HMAC with the sign bit set, so it can equal neither a number nor 0; 0 when there is no NPWP. Equal NPWPs get
     * equal keys and different ones different keys (HMAC collisions aside), so matching compares them as before.
     */
    static long npwpKey(String clearNpwp, String npwpHmac) {
        if (npwpHmac != null) {
            return PiiProtector.hmacPrefix(npwpHmac) | Long.MIN_VALUE;
        }
        return clearNpwp == null || clearNpwp.isEmpty() ? 0 : Long.parseLong(clearNpwp);
    }

    private static int[] parts(String hex) {
        if (hex == null || hex.length() != 24) {
            return null;
        }
        return new int[] {HexFormat.fromHexDigits(hex, 0, 8), HexFormat.fromHexDigits(hex, 8, 16),
                HexFormat.fromHexDigits(hex, 16, 24)};
    }

    private static Features features(SourceRecord r, long nik, byte nikQuality, int[] nikParts, long npwp,
                                     LocalDate born, String sex) {
        boolean org = r.applicantType() == ApplicantType.ORGANIZATION;
        String name;
        String[] tokens;
        String patronym = "";
        String form = "";
        if (org) {
            CompanyNameNormaliser.CompanyName c = CompanyNameNormaliser.normalise(r.name());
            name = c.core();
            tokens = c.tokens().toArray(String[]::new);
            form = c.formCode();
        } else {
            NameNormaliser.Name n = NameNormaliser.normalise(r.name());
            name = n.key();
            tokens = n.tokens().toArray(String[]::new);
            patronym = n.patronym();
        }
        SourceRecord.Address a = r.address();
        AddressNormaliser.Address address = a == null ? AddressNormaliser.Address.EMPTY
                : AddressNormaliser.normalise(a.line(), a.village(), a.district(), a.regency(), a.regionCode(), a.postalCode());
        String nib = Identifiers.nib(r.nib());
        String phone = Identifiers.phone(r.phone());
        int birth = born == null ? 0 : born.getYear() * 10000 + born.getMonthValue() * 100 + born.getDayOfMonth();
        char g = sex == null ? 0 : sex.charAt(0);
        return new Features(org, name.intern(), tokens, patronym, form, nik, nikQuality, nikParts,
                npwp, nib.isEmpty() ? 0 : Long.parseLong(nib),
                phone.isEmpty() ? 0 : Long.parseLong(phone), Hashing.hash64(Identifiers.email(r.email())), birth, g,
                Hashing.hash32(AddressNormaliser.birthPlace(r.birthPlace())), Hashing.hash32(numbered(address.street())),
                Hashing.hash32(address.rtRw()), Hashing.hash32(address.village()), Hashing.hash32(address.district()),
                Hashing.hash32(address.regency()), code(address.regencyCode()), code(address.districtCode()));
    }

    /**
     * The street line only when it carries a number (house number, Km, Blok C2): street agreement is weighed and
     * blocked as street and house number. "Jl. Merdeka" or "Dusun II" alone is everyone living there, and with a
     * common name it linked two people on name, street and village.
     */
    static String numbered(String street) {
        for (int i = 0; i < street.length(); i++) {
            if (Character.isDigit(street.charAt(i))) {
                return street;
            }
        }
        return "";
    }

    private static int code(String digits) {
        return digits.isEmpty() ? 0 : Integer.parseInt(digits);
    }

    static String gender(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        return switch (raw.strip().toUpperCase(java.util.Locale.ROOT)) {
            case "M", "L", "MALE", "LAKI-LAKI", "LAKI LAKI", "PRIA", "1" -> "M";
            case "F", "P", "FEMALE", "PEREMPUAN", "WANITA", "2" -> "F";
            default -> null;
        };
    }

    /** yyyy-MM-dd as specified; dd-MM-yyyy and dd/MM/yyyy too, since SiCantik writes both. */
    public static LocalDate parseDate(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String s = raw.strip();
        try {
            Matcher m = YMD.matcher(s);
            if (m.matches()) {
                return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            }
            m = DMY.matcher(s);
            if (m.matches()) {
                return LocalDate.of(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(1)));
            }
        } catch (java.time.DateTimeException e) {
            return null;
        }
        return null;
    }
}
