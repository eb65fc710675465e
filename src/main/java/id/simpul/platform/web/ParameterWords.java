package id.simpul.platform.web;

import java.time.LocalDate;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Plain words for a query or path parameter the caller got wrong. Spring's own messages name Java types
 * ("Failed to convert value of type 'java.lang.String' to required type 'long'") and the converter's
 * exception, which tell an integrator nothing about what to send instead.
 */
public final class ParameterWords {

    private ParameterWords() {
    }

    /**
     * The caller's words for any refusal of a request's parameters or body (the staff API's and the console's
     * 400s): Spring's and Tomcat's exceptions by what they mean, anything else by its own message.
     */
    public static String of(Exception e) {
        return e instanceof HttpMessageNotReadableException unreadable ? body(unreadable).message()
                : e instanceof InvalidParameterException ? undecodable()
                : e instanceof MethodArgumentTypeMismatchException mismatch ? mismatch(mismatch)
                : e instanceof MissingServletRequestParameterException missing ? missing(missing)
                : e.getMessage();
    }

    /** "limit must be a whole number": what the parameter takes, not what Java failed at. */
    public static String mismatch(MethodArgumentTypeMismatchException e) {
        return e.getName() + " must be " + expected(e.getRequiredType());
    }

    public static String missing(MissingServletRequestParameterException e) {
        return e.getParameterName() + " is required";
    }

    /** A JSON body the call cannot read; {@code field} is null when no one field is at fault. */
    public record BodyRefusal(String message, String field) {
    }

    /**
     * "enabled must be true or false", "rateLimit.requests must be a whole number", "scopes[0] must be text":
     * a field of the wrong JSON type (refused, not coerced: {@link StrictJsonBinding}) named with what it takes.
     * Other faults Jackson can place in a field are named too: a whole number beyond its type's range ("count must
     * be a whole number from -2147483648 to 2147483647"), text whose bytes are not UTF-8 ("name is not valid UTF-8
     * text"). The value is not repeated (it may be a password). Anything else (malformed JSON, the wrong body as a
     * whole) keeps the general message.
     */
    public static BodyRefusal body(HttpMessageNotReadableException e) {
        String general = "request body is not valid JSON for this call";
        if (!(e.getCause() instanceof JacksonException cause) || cause.getPath().isEmpty()) {
            return new BodyRefusal(general, null);
        }
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference step : cause.getPath()) {
            if (step.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(step.getPropertyName());
            } else if (step.getIndex() >= 0) {
                path.append('[').append(step.getIndex()).append(']');
            }
        }
        String field = path.toString();
        if (field.isEmpty()) {
            return new BodyRefusal(general, null);
        }
        if (cause instanceof InputCoercionException c && c.getInputType() == JsonToken.VALUE_NUMBER_INT
                && range(c.getTargetType()) != null) {
            return new BodyRefusal(field + " must be a whole number " + range(c.getTargetType()), field);
        }
        Class<?> type = cause instanceof MismatchedInputException m ? m.getTargetType()
                : cause instanceof InputCoercionException c ? c.getTargetType() : null;
        if (type != null) {
            return new BodyRefusal(field + " must be " + expected(type), field);
        }
        // Jackson's own words quote the bytes ("Invalid UTF-8 middle byte 0x28"), never shown to the caller.
        String original = cause.getOriginalMessage();
        if (cause instanceof StreamReadException && original != null && original.startsWith("Invalid UTF-8")) {
            return new BodyRefusal(field + " is not valid UTF-8 text", field);
        }
        return new BodyRefusal(general, null);
    }

    /** "from -2147483648 to 2147483647" for the whole-number types a body binds, else null. */
    private static String range(Class<?> type) {
        if (type == int.class || type == Integer.class) {
            return "from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE;
        }
        if (type == long.class || type == Long.class) {
            return "from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE;
        }
        if (type == short.class || type == Short.class) {
            return "from " + Short.MIN_VALUE + " to " + Short.MAX_VALUE;
        }
        if (type == byte.class || type == Byte.class) {
            return "from " + Byte.MIN_VALUE + " to " + Byte.MAX_VALUE;
        }
        return null;
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
        if (type == String.class) {
            return "text";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
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
