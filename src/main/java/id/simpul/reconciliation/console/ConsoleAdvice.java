package id.simpul.reconciliation.console;

import id.simpul.platform.web.ApiException;
import id.simpul.platform.web.ParameterWords;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * What every console page gets (the user and their roles, the language links) and how the console
 * shows a refusal: an HTML page (or, for htmx, a fragment) with the status and the service's message,
 * never the API's JSON and never a stack trace. Runs before the API's {@code ApiErrors}.
 */
@ControllerAdvice(basePackageClasses = ConsoleAdvice.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ConsoleAdvice {

    private static final Logger log = LoggerFactory.getLogger(ConsoleAdvice.class);

    @ModelAttribute("me")
    ConsoleUser me(Authentication auth) {
        return ConsoleUser.of(auth);
    }

    @ModelAttribute
    void languageLinks(Model model) {
        model.addAttribute("langIdUrl", languageUrl("id"));
        model.addAttribute("langEnUrl", languageUrl("en"));
    }

    static boolean htmx(HttpServletRequest request) {
        return "true".equals(request.getHeader("HX-Request"));
    }

    @ExceptionHandler(ConsoleUser.Forbidden.class)
    String forbidden(ConsoleUser.Forbidden e, HttpServletRequest request, HttpServletResponse response, Model model,
                     Authentication auth) {
        return error(403, "error.forbidden", null, request, response, model, auth);
    }

    @ExceptionHandler(ApiException.class)
    String refused(ApiException e, HttpServletRequest request, HttpServletResponse response, Model model,
                   Authentication auth) {
        return error(e.status(), "error.refused", e.getMessage(), request, response, model, auth);
    }

    /** In the caller's words (ParameterWords): Spring's own messages name Java types and converter exceptions. */
    @ExceptionHandler({MissingServletRequestParameterException.class, MethodArgumentTypeMismatchException.class,
            IllegalArgumentException.class, InvalidParameterException.class})
    String badRequest(Exception e, HttpServletRequest request, HttpServletResponse response, Model model,
                      Authentication auth) {
        return error(400, "error.refused", ParameterWords.of(e), request, response, model, auth);
    }

    /** What the page acts on is gone or never was (a review item decided meanwhile): the service's own words. */
    @ExceptionHandler(java.util.NoSuchElementException.class)
    String notFound(java.util.NoSuchElementException e, HttpServletRequest request, HttpServletResponse response,
                    Model model, Authentication auth) {
        return error(404, "error.refused", e.getMessage(), request, response, model, auth);
    }

    @ExceptionHandler(Exception.class)
    String unexpected(Exception e, HttpServletRequest request, HttpServletResponse response, Model model,
                      Authentication auth) {
        log.error("console page {} failed", request.getRequestURI(), e);
        return error(500, "error.unexpected", null, request, response, model, auth);
    }

    private String error(int status, String title, String message, HttpServletRequest request,
                         HttpServletResponse response, Model model, Authentication auth) {
        response.setStatus(status);
        // Exception handlers do not see the @ModelAttribute methods' results: add them again.
        model.addAttribute("me", ConsoleUser.of(auth));
        languageLinks(model);
        model.addAttribute("status", status);
        model.addAttribute("errorTitle", title);
        model.addAttribute("errorMessage", message);
        return htmx(request) ? "console/error :: message" : "console/error";
    }

    private static String languageUrl(String lang) {
        try {
            return ServletUriComponentsBuilder.fromCurrentRequest().replaceQueryParam("lang", lang)
                    .build().toUriString().replaceFirst("^[a-z]+://[^/]+", "");
        } catch (IllegalStateException noRequest) {
            return "?lang=" + lang;
        }
    }
}
