package id.simpul.support;

import id.simpul.intake.OssToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;

/** Sends pushes to the hub the way OSS does: JSON body, PIA token header. */
public final class OssSender {

    public static final String USERNAME = "simulator";
    public static final String PASSWORD = "simulator-secret";
    /** The test admin (see HubTestSupport / test application properties). */
    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "test-admin-password";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String username;
    private final String password;

    /** A sender with the embedded default's (simulator) push credentials. */
    public OssSender(int port) {
        this(port, USERNAME, PASSWORD);
    }

    /** A sender with the push credentials the hub was given (the production profile refuses the defaults). */
    public OssSender(int port, String username, String password) {
        this.baseUrl = "http://localhost:" + port;
        this.username = username;
        this.password = password;
    }

    /** Today's token with the embedded default's credentials. */
    public static String todaysToken(String nib) {
        return todaysToken(USERNAME, PASSWORD, nib);
    }

    private static String todaysToken(String username, String password, String nib) {
        LocalDate today = ZonedDateTime.now(OssToken.JAKARTA).toLocalDate();
        return OssToken.compute(username, password, nib, today);
    }

    public HttpResponse<String> receiveNib(String body, String nib) {
        return post("/oss/receiveNIB", body, todaysToken(username, password, nib));
    }

    public HttpResponse<String> post(String path, String body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Token", token);
        }
        return send(request.build());
    }

    /** GET as the test admin (the API needs a personal account). */
    public HttpResponse<String> get(String path) {
        return getAs(ADMIN, ADMIN_PASSWORD, path);
    }

    /** GET without credentials (health, metrics: what a probe or scraper sees). */
    public HttpResponse<String> getAnonymous(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30)).GET().build());
    }

    public HttpResponse<String> getAs(String user, String password, String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", basic(user, password)).GET().build());
    }

    /** POST a JSON body to the API as {@code user}. */
    public HttpResponse<String> postAs(String user, String password, String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(120))
                .header("Authorization", basic(user, password))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json == null ? "" : json)).build());
    }

    public HttpResponse<String> postAsAdmin(String path, String json) {
        return postAs(ADMIN, ADMIN_PASSWORD, path, json);
    }

    public static String basic(String user, String password) {
        return "Basic " + java.util.Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private HttpResponse<String> send(HttpRequest request) {
        return exchange(http, request);
    }

    /** Sends a request and returns the reply as text; I/O failures and interrupts become unchecked. */
    public static HttpResponse<String> exchange(HttpClient http, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
