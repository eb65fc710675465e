package id.simpul.applicant.match;

/**
 * What matching needs of one source record, normalised and compact: a million of these must fit in a
 * fraction of a 2 GiB heap, so identifiers are longs (0 = absent) and only names stay strings.
 */
public final class Features {

    public static final byte NIK_NONE = 0;
    public static final byte NIK_WEAK = 1;
    public static final byte NIK_STRONG = 2;

    public final boolean organization;
    /** Person: name key; organisation: core name without the legal form. */
    public final String name;
    public final String[] tokens;
    public final String patronym;
    /** OSS jenis_perseroan code, "" when none. */
    public final String formCode;
    public final long nik;
    public final byte nikQuality;
    /** Keyed hashes of the NIK's region, date and serial parts: a one-digit typo leaves two of three equal. */
    public final int nikRegion;
    public final int nikDate;
    public final int nikSerial;
    /** A 15-digit NPWP as its number; a 16-digit one (a NIK) as a key from its HMAC only (FeatureExtractor.npwpKey). */
    public final long npwp;
    public final long nib;
    public final long phone;
    public final long email;
    /** yyyyMMdd, 0 when unknown. */
    public final int birthDate;
    /** 'M', 'F' or 0. */
    public final char gender;
    public final int birthPlace;
    public final int street;
    public final int rtRw;
    public final int village;
    public final int district;
    public final int regency;
    /** Regency code (4 digits) as a number, 0 when unknown. */
    public final int regencyCode;
    public final int districtCode;

    public Features(boolean organization, String name, String[] tokens, String patronym, String formCode, long nik,
                    byte nikQuality, int[] nikParts, long npwp, long nib, long phone, long email, int birthDate, char gender,
                    int birthPlace, int street, int rtRw, int village, int district, int regency, int regencyCode,
                    int districtCode) {
        this.organization = organization;
        this.name = name;
        this.tokens = tokens;
        this.patronym = patronym;
        this.formCode = formCode;
        this.nik = nik;
        this.nikQuality = nikQuality;
        this.nikRegion = nikParts == null ? 0 : nikParts[0];
        this.nikDate = nikParts == null ? 0 : nikParts[1];
        this.nikSerial = nikParts == null ? 0 : nikParts[2];
        this.npwp = npwp;
        this.nib = nib;
        this.phone = phone;
        this.email = email;
        this.birthDate = birthDate;
        this.gender = gender;
        this.birthPlace = birthPlace;
        this.street = street;
        this.rtRw = rtRw;
        this.village = village;
        this.district = district;
        this.regency = regency;
        this.regencyCode = regencyCode;
        this.districtCode = districtCode;
    }

    /**
     * The taxpayer of the NPWP: of a 15-digit one its first nine digits (taxpayer number and check digit), dropping the
     * tax office (3 digits) and the branch (3 digits, 000 = head office), so a company's head office and its branches,
     * and a taxpayer who moved to another tax office, are one taxpayer; a 16-digit NPWP (a NIK, kept as a key) has
     * no such parts and is returned as it is. 0 when there is no NPWP.
     */
    public long npwpTaxpayer() {
        return npwp < 0 ? npwp : npwp / 1_000_000;
    }

    public int birthYear() {
        return birthDate / 10000;
    }
}
