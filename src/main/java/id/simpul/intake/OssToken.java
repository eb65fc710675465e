package id.simpul.intake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * The PIA's push token: {@code SHA1(username + password + nib + yyyyMMdd)}, lower-case hex, valid
 * for the whole day in Asia/Jakarta. Near midnight the neighbouring day is accepted within a skew,
 * because sender and receiver clocks differ by seconds and a push can straddle the change of day.
 */
public final class OssToken {

    public static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private OssToken() {
    }

    public static String compute(String username, String password, String nib, LocalDate day) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] digest = sha1.digest((username + password + nib + DAY.format(day)).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required by the PIA and missing from this JVM", e);
        }
    }

    /** True when {@code token} is today's (Jakarta) token for the nib, or the neighbouring day's within the skew. */
    public static boolean valid(String token, String username, String password, String nib, ZonedDateTime now,
                                Duration skew) {
        if (token == null || token.isBlank() || nib == null) {
            return false;
        }
        ZonedDateTime local = now.withZoneSameInstant(JAKARTA);
        String given = token.strip().toLowerCase();
        if (matches(given, username, password, nib, local.toLocalDate())) {
            return true;
        }
        LocalDate before = local.minus(skew).toLocalDate();
        LocalDate after = local.plus(skew).toLocalDate();
        return (!before.equals(local.toLocalDate()) && matches(given, username, password, nib, before))
                || (!after.equals(local.toLocalDate()) && matches(given, username, password, nib, after));
    }

    private static boolean matches(String given, String username, String password, String nib, LocalDate day) {
        byte[] expected = compute(username, password, nib, day).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.US_ASCII));
    }
}
