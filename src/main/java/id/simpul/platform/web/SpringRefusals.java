package id.simpul.platform.web;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;

/**
 * Spring MVC's own refusals of a request ({@link ErrorResponse}: 415 a body type the call does not read, 406,
 * 405, a missing header…): the caller's mistake, answered with its own status and headers ({@code Accept},
 * {@code Allow}) in an API's error shape, never as the hub's 500 and never logged as its failure.
 */
public final class SpringRefusals {

    private SpringRefusals() {
    }

    /**
     * @param shape the API's error body for a message
     * @return the answer, or empty when {@code e} is not such a refusal
     */
    public static Optional<ResponseEntity<Map<String, Object>>> answer(Exception e,
                                                                       Function<String, Map<String, Object>> shape) {
        if (!(e instanceof ErrorResponse refusal)) {
            return Optional.empty();
        }
        String detail = refusal.getBody().getDetail();
        return Optional.of(ResponseEntity.status(refusal.getStatusCode()).headers(refusal.getHeaders())
                .body(shape.apply(detail != null ? detail : String.valueOf(refusal.getStatusCode()))));
    }
}
