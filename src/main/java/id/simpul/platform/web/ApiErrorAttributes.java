package id.simpul.platform.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.WebRequest;

/**
 * The error body Spring Boot writes for what never reaches a controller (a method the path does not
 * allow, a path that does not exist), in the staff API's shape {@code {"error": …}} for {@code /api/}
 * paths, as {@link ApiErrors} answers everything else there. Other paths keep Boot's body.
 */
@Component
public class ApiErrorAttributes extends DefaultErrorAttributes {

    private static final String API = "/api/";

    @Override
    public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
        Map<String, Object> attributes = super.getErrorAttributes(request, options);
        if (!String.valueOf(attributes.get("path")).startsWith(API)) {
            return attributes;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", attributes.getOrDefault("error", "error"));
        return body;
    }
}
