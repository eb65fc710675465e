package id.simpul.delivery.local;

import java.util.regex.Pattern;

/**
 * What an office's application number ({@code no_permohonan}) may be for the hub to store the permit and to address
 * it ({@code GET /g2g/v1/local-permits/{targetId}/{localNumber}}, the console's page): one rule for intake and
 * addresses, so a number stored is a number that answers. Offices number with slashes ("503/0012/DPMPTSP/2026"),
 * and the addresses carry them as written; so a number is segments of letters, digits, '.', '_' and '-' joined by
 * single slashes, none of them "." or ".." (a browser, a proxy or the firewall would resolve or refuse those),
 * 1 to {@value #MAX_LENGTH} characters (the width of {@code local_permit.local_number}).
 */
public final class LocalNumbers {

    public static final int MAX_LENGTH = 40;
    public static final String RULE = "1 to " + MAX_LENGTH + " letters, digits, '.', '_', '-' or '/' (no '/' at the"
            + " start or end, no '//', no '.' or '..' between slashes)";
    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");
    private static final Pattern DOT_SEGMENT = Pattern.compile("(^|/)\\.{1,2}(/|$)");

    private LocalNumbers() {
    }

    public static boolean valid(String number) {
        return number != null && !number.isEmpty() && number.length() <= MAX_LENGTH && FORM.matcher(number).matches()
                && !DOT_SEGMENT.matcher(number).find();
    }

    /** The number in a {@code {*localNumber}} path capture, which starts with the slash before it. */
    public static String ofPath(String captured) {
        return captured.startsWith("/") ? captured.substring(1) : captured;
    }
}
