package id.simpul.platform.web;

import java.time.LocalDate;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Plain words for a query or path parameter the caller got wrong. Spring's own messages name Java types
 * ("Failed to convert value of type 'java.lang.String' to required type 'long'") and the converter's
 * exception, which tell an integrator nothing about what to send instead.
 */
public final class ParameterWords {

    private ParameterWords() {
    }

    /** "limit must be a whole number": what the parameter takes, not what Java failed at. */
    public static String mismatch(MethodArgumentTypeMismatchException e) {
        return e.getName() + " must be " + expected(e.getRequiredType());
    }

    public static String missing(MissingServletRequestParameterException e) {
        return e.getParameterName() + " is required";
    }

    /**
     * A query or form parameter whose percent-encoded bytes are not UTF-8 (Tomcat's InvalidParameterException).
     * Its name and value are not repeated: Tomcat could not decode them, and a form's value may be a password.
     */
    public static String undecodable() {
        return "a query or form parameter is not valid UTF-8: percent-encode its text as UTF-8";
    }

    static String expected(Class<?> type) {
        if (type == null) {
            return "of another form";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(String::valueOf)
                    .collect(Collectors.joining(", "));
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class
                || type == short.class || type == Short.class) {
            return "a whole number";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class
                || Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == LocalDate.class) {
            return "a date such as 2026-11-30";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "a date and time such as 2026-11-30T08:00:00Z";
        }
        return "of another form";
    }
}
