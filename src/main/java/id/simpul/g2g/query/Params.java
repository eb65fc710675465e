package id.simpul.g2g.query;

import id.simpul.g2g.G2gException;
import id.simpul.platform.region.Regions;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

/** Checks of G2G request parameters: each failure is a 400 that names the parameter. */
public final class Params {

    /** WIB: a date without a time starts at midnight in Jakarta. */
    private static final ZoneOffset WIB = ZoneOffset.ofHours(7);

    private Params() {
    }

    /** Refuses parameters the call does not know (a misspelt filter must not silently return everything). */
    public static void only(HttpServletRequest request, Set<String> known) {
        for (String name : request.getParameterMap().keySet()) {
            if (!known.contains(name)) {
                throw G2gException.badParameter(name, "unknown parameter " + name + "; known: "
                        + known.stream().sorted().toList());
            }
        }
    }

    public static String nib(String value, String parameter) {
        if (value == null) {
            return null;
        }
        if (!value.matches("[0-9]{13}")) {
            throw G2gException.badParameter(parameter, parameter + " must be 13 digits");
        }
        return value;
    }

    public static String idIzin(String value, String parameter) {
        if (value == null) {
            return null;
        }
        if (!value.matches("[A-Za-z0-9._-]{1,40}")) {
            throw G2gException.badParameter(parameter, parameter + " must be 1 to 40 letters, digits, '.', '_' or '-'");
        }
        return value;
    }

    public static String applicantId(String value) {
        if (value == null || !value.matches("[A-Za-z0-9-]{1,40}")) {
            throw G2gException.badParameter("applicantId", "applicantId must be 1 to 40 letters, digits or '-'");
        }
        return value;
    }

    public static String region(String value) {
        if (value == null) {
            return null;
        }
        if (!Regions.validPrefix(value)) {
            throw G2gException.badParameter("region", "region must be a kd_daerah prefix of 2, 4, 6 or 10 digits");
        }
        return value;
    }

    public static String oneOf(String value, String parameter, List<String> allowed) {
        if (value == null) {
            return null;
        }
        String upper = value.strip().toUpperCase();
        if (!allowed.contains(upper)) {
            throw G2gException.badParameter(parameter, parameter + " must be one of " + allowed);
        }
        return upper;
    }

    /** An instant ({@code 2026-11-29T08:00:00Z}, with any offset) or a date ({@code 2026-11-29}, midnight WIB). */
    public static Instant since(String value, String parameter) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException notDateTime) {
            try {
                return LocalDate.parse(value).atStartOfDay().toInstant(WIB);
            } catch (DateTimeParseException notDate) {
                throw G2gException.badParameter(parameter, parameter
                        + " must be an ISO-8601 date-time with offset (2026-11-29T08:00:00+07:00) or a date (2026-11-29)");
            }
        }
    }

    public static int limit(Integer value, int defaultSize, int maxSize) {
        if (value == null) {
            return defaultSize;
        }
        if (value < 1 || value > maxSize) {
            throw G2gException.badParameter("limit", "limit must be between 1 and " + maxSize);
        }
        return value;
    }
}
