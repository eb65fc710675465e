package id.simpul.g2g.access;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Deny by default at the handler: a {@code /g2g} handler runs only when it is a {@link G2gApi} and
 * the agency holds the scope it names. Anything else under {@code /g2g} is not found.
 */
final class ScopeInterceptor implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws Exception {
        G2gAccess access = G2gAccess.of(request);
        if (!(handler instanceof HandlerMethod method)) {
            G2gResponses.write(request, response, 404, "no such G2G service; see /g2g/v1/catalogue");
            return false;
        }
        G2gApi api = method.getMethodAnnotation(G2gApi.class);
        if (api == null) {
            G2gResponses.write(request, response, 403, "not an exchange service");
            return false;
        }
        access.action(api.action(), G2gApi.PUBLIC.equals(api.scope()));
        if (G2gApi.PUBLIC.equals(api.scope())) {
            return true;
        }
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (!(auth instanceof AgencyAuthentication agency)) {
            G2gResponses.write(request, response, 401, "authentication required (API key or client certificate)");
            return false;
        }
        if (!agency.getPrincipal().has(api.scope())) {
            G2gResponses.write(request, response, 403, "this call needs scope " + api.scope());
            return false;
        }
        return true;
    }
}
