package id.simpul.g2g.access;

import id.simpul.g2g.G2gException;
import id.simpul.platform.web.ApiException;
import id.simpul.platform.web.ClientGone;
import id.simpul.platform.web.ParameterWords;
import id.simpul.platform.web.SpringRefusals;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** G2G errors: status, message, the parameter at fault and the request id; never a stack trace. */
@RestControllerAdvice(basePackages = "id.simpul.g2g")
@Order(Ordered.HIGHEST_PRECEDENCE)
public class G2gErrors {

    private static final Logger log = LoggerFactory.getLogger(G2gErrors.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Map<String, Object>> refused(ApiException e, HttpServletRequest request) {
        String parameter = e instanceof G2gException g ? g.parameter() : null;
        return ResponseEntity.status(e.status()).body(G2gResponses.error(request, e.getMessage(), parameter));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Map<String, Object>> mismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        return ResponseEntity.badRequest().body(G2gResponses.error(request,
                ParameterWords.mismatch(e), e.getName()));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<Map<String, Object>> missing(MissingServletRequestParameterException e, HttpServletRequest request) {
        return ResponseEntity.badRequest().body(G2gResponses.error(request,
                ParameterWords.missing(e), e.getParameterName()));
    }

    @ExceptionHandler({HttpMessageNotReadableException.class, IllegalArgumentException.class,
            InvalidParameterException.class})
    ResponseEntity<Map<String, Object>> unreadable(Exception e, HttpServletRequest request) {
        if (e instanceof HttpMessageNotReadableException unreadable) {
            ParameterWords.BodyRefusal refusal = ParameterWords.body(unreadable);
            return ResponseEntity.badRequest().body(G2gResponses.error(request, refusal.message(), refusal.field()));
        }
        String message = e instanceof InvalidParameterException ? ParameterWords.undecodable() : e.getMessage();
        return ResponseEntity.badRequest().body(G2gResponses.error(request, message, null));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, Object>> unexpected(Exception e, HttpServletRequest request) {
        if (ClientGone.handled(e, "G2G call")) {
            return null;
        }
        return SpringRefusals.answer(e, message -> G2gResponses.error(request, message, null)).orElseGet(() -> {
            log.error("G2G call failed", e);
            return ResponseEntity.status(500).body(G2gResponses.error(request,
                    "internal error; quote the request id to the hub's operators", null));
        });
    }
}
