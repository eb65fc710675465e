package id.simpul.reconciliation.console;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The console's error page for what never reaches a console controller (an address the console does not have, a
 * method a page does not take): {@link ConsoleAdvice} only sees what its controllers throw, and Boot's fallback for
 * the rest was its "Whitelabel Error Page", in English, without the console's navigation. Other paths keep Boot's
 * answer (the APIs' JSON, {@code ApiErrorAttributes}).
 */
@Component
class ConsoleErrorPages implements ErrorViewResolver {

    private static final String CONSOLE = "/console";

    @Override
    public ModelAndView resolveErrorView(HttpServletRequest request, HttpStatus status, Map<String, Object> model) {
        String path = String.valueOf(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
        if (!path.equals(CONSOLE) && !path.startsWith(CONSOLE + "/")) {
            return null;
        }
        Map<String, Object> page = new HashMap<>();
        page.put("me", ConsoleUser.of(SecurityContextHolder.getContext().getAuthentication()));
        page.put("langIdUrl", languageUrl(request, path, "id"));
        page.put("langEnUrl", languageUrl(request, path, "en"));
        page.put("status", status.value());
        page.put("errorTitle", status == HttpStatus.NOT_FOUND ? "error.notFound"
                : status.is4xxClientError() ? "error.refused" : "error.unexpected");
        page.put("errorMessage", null);
        return new ModelAndView(ConsoleAdvice.htmx(request) ? "console/error :: message" : "console/error", page, status);
    }

    /** The address asked for, not {@code /error} where Tomcat forwarded it. */
    private static String languageUrl(HttpServletRequest request, String path, String lang) {
        // Servlet 6.1's ERROR_QUERY_STRING, by name: the API jar on the compile path is 6.0.
        Object query = request.getAttribute("jakarta.servlet.error.query_string");
        String asked = query == null ? path : path + "?" + query;
        return UriComponentsBuilder.fromUriString(asked).replaceQueryParam("lang", lang).build().toUriString();
    }
}
