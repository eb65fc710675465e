package id.simpul.applicant.normalise;

import id.simpul.canonical.Provinces;
import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * A NIK read for its structure: province(2) regency(2) district(2), birth date DDMMYY with 40 added
 * to the day for women, serial(4). The structure is checked against the record's own birth date and
 * sex: a NIK that contradicts them is kept as a weak signal, never as a key.
 *
 * @param digits    the 16 digits, or "" when the input is not a NIK at all
 * @param quality   how far the NIK can be trusted
 * @param birthDate the birth date written in the NIK (century guessed), null when unreadable
 * @param female    true when the day carries the +40
 * @param region    the 6-digit district code at the start
 */
public record Nik(String digits, Quality quality, LocalDate birthDate, boolean female, String region) {

    public enum Quality {
        /** Well-formed and consistent with the record's birth date and sex (or nothing to compare). */
        STRONG,
        /** Well-formed but contradicting the record's birth date or sex: perhaps someone else's NIK. */
        WEAK,
        /**
         * Not 16 digits, a province, regency (00) or district (00) that does not exist, an impossible date, serial
         * 0000, or one digit repeated: ignored for matching.
         */
        INVALID,
        ABSENT
    }

    public static final Nik ABSENT = new Nik("", Quality.ABSENT, null, false, "");

    /**
     * @param recordBirthDate the birth date the record itself states, or null
     * @param recordGender    "M", "F" or null
     * @param today           for the century: a date after today in this century is the previous century's
     */
    public static Nik parse(String raw, LocalDate recordBirthDate, String recordGender, LocalDate today) {
        String digits = Text.digits(raw);
        if (digits.isEmpty()) {
            return ABSENT;
        }
        if (digits.length() != 16) {
            return new Nik(digits, Quality.INVALID, null, false, "");
        }
        int province = Integer.parseInt(digits.substring(0, 2));
        int day = Integer.parseInt(digits.substring(6, 8));
        int month = Integer.parseInt(digits.substring(8, 10));
        int yy = Integer.parseInt(digits.substring(10, 12));
        boolean female = day > 40;
        if (female) {
            day -= 40;
        }
        if (!Provinces.isCode(province) || digits.startsWith("00", 2) || digits.startsWith("00", 4)
                || digits.endsWith("0000") || oneDigitRepeated(digits)) {
            return new Nik(digits, Quality.INVALID, null, female, "");
        }
        LocalDate born;
        try {
            // A birth date still to come is the last century's: comparing years only took 31-12-26 for
            // 2026-12-31 in November 2026, and that filled-in date then contradicted the holder's 1926-12-31.
            born = yy + 2000 > today.getYear() ? LocalDate.of(1900 + yy, month, day) : LocalDate.of(2000 + yy, month, day);
            if (born.isAfter(today)) {
                born = LocalDate.of(1900 + yy, month, day);
            }
        } catch (DateTimeException e) {
            return new Nik(digits, Quality.INVALID, null, female, "");
        }
        boolean contradicts = false;
        if (recordBirthDate != null) {
            // The two-digit year cannot tell 1925 from 2025; compare day, month and year modulo 100.
            contradicts = recordBirthDate.getDayOfMonth() != born.getDayOfMonth()
                    || recordBirthDate.getMonthValue() != born.getMonthValue()
                    || recordBirthDate.getYear() % 100 != yy;
            if (!contradicts) {
                born = recordBirthDate;
            }
        }
        if ("F".equals(recordGender) && !female || "M".equals(recordGender) && female) {
            contradicts = true;
        }
        return new Nik(digits, contradicts ? Quality.WEAK : Quality.STRONG, born, female, digits.substring(0, 6));
    }

    /**
     * "1111111111111111" reads as Aceh Utara, 11-11-1911, serial 1111, but it is what counters type when the
     * applicant has no KTP at hand: every record with it would share one key.
     */
    private static boolean oneDigitRepeated(String digits) {
        for (int i = 1; i < digits.length(); i++) {
            if (digits.charAt(i) != digits.charAt(0)) {
                return false;
            }
        }
        return true;
    }

    public boolean usable() {
        return quality == Quality.STRONG || quality == Quality.WEAK;
    }

    /** Masked for logs and screens: region and last two digits only. */
    public static String mask(String raw) {
        String d = Text.digits(raw);
        if (d.length() < 8) {
            return "****";
        }
        return d.substring(0, 4) + "*".repeat(d.length() - 6) + d.substring(d.length() - 2);
    }
}
