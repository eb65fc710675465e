package id.simpul.platform.web;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** JSON errors for the hub's own API: a status and a message, never a stack trace. */
@RestControllerAdvice(basePackages = "id.simpul")
public class ApiErrors {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Map<String, Object>> api(ApiException e) {
        return ResponseEntity.status(e.status()).body(Map.of("error", e.getMessage()));
    }

    @ExceptionHandler({HttpMessageNotReadableException.class, MissingServletRequestParameterException.class,
            MethodArgumentTypeMismatchException.class, IllegalArgumentException.class, InvalidParameterException.class})
    ResponseEntity<Map<String, Object>> badRequest(Exception e) {
        return ResponseEntity.badRequest().body(Map.of("error", ParameterWords.of(e)));
    }

    /** Spring's own refusals (415, 405, 406…) keep their status; anything else is the hub's failure. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, Object>> unexpected(Exception e) {
        if (ClientGone.handled(e, "API call")) {
            return null;
        }
        return SpringRefusals.answer(e, message -> Map.of("error", message)).orElseGet(() -> {
            log.error("API call failed", e);
            return ResponseEntity.status(500).body(Map.of("error", "internal error; see the hub log"));
        });
    }
}
