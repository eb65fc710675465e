package id.simpul.g2g.access;

import id.simpul.platform.json.Json;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The one shape of a G2G error: {@code {"error": …, "parameter": …, "requestId": …}}. */
public final class G2gResponses {

    private G2gResponses() {
    }

    public static Map<String, Object> error(HttpServletRequest request, String message, String parameter) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        if (parameter != null) {
            body.put("parameter", parameter);
        }
        Object access = request == null ? null : request.getAttribute(G2gAccess.ATTRIBUTE);
        if (access instanceof G2gAccess a) {
            body.put("requestId", a.requestId());
        }
        return body;
    }

    static void write(HttpServletRequest request, HttpServletResponse response, int status, String message)
            throws IOException {
        write(response, status, Json.write(error(request, message, null)));
    }

    static void write(HttpServletResponse response, int status, String json) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(json);
    }
}
