package id.simpul.reconciliation.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A browser-like HTTP session with the console: cookies, form login, the CSRF token from the page. */
final class ConsoleSession {

    private static final Pattern CSRF = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

    private final HttpClient http;
    private final String base;
    final CookieManager cookies = new CookieManager();

    ConsoleSession(int port) {
        this.base = "http://localhost:" + port;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    static ConsoleSession loggedIn(int port, String user, String password) {
        ConsoleSession s = new ConsoleSession(port);
        HttpResponse<String> r = s.post("/console/login", Map.of("username", user, "password", password),
                s.csrfFrom("/console/login"));
        if (r.statusCode() != 302 || !r.headers().firstValue("Location").orElse("").endsWith("/console")) {
            throw new IllegalStateException("login as " + user + " failed: " + r.statusCode() + " "
                    + r.headers().firstValue("Location").orElse(""));
        }
        return s;
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    /** A form POST with the session's current CSRF token (read from the dashboard). */
    HttpResponse<String> post(String path, Map<String, String> form) {
        return post(path, form, csrfFrom("/console"));
    }

    HttpResponse<String> post(String path, Map<String, String> form, String csrf) {
        return post(path, form, csrf, false);
    }

    HttpResponse<String> post(String path, Map<String, String> form, String csrf, boolean htmx) {
        Map<String, String> fields = new LinkedHashMap<>(form);
        if (csrf != null) {
            fields.put("_csrf", csrf);
        }
        String body = fields.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (htmx) {
            request.header("HX-Request", "true");
        }
        return send(request);
    }

    String csrfFrom(String page) {
        HttpResponse<String> r = get(page);
        Matcher m = CSRF.matcher(r.body());
        if (!m.find()) {
            throw new IllegalStateException("no CSRF token on " + page + " (" + r.statusCode() + ")");
        }
        return m.group(1);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            // What a browser sends: with it, Spring Security answers an anonymous page request with the
            // login form rather than an HTTP Basic challenge.
            request.header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
            return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
