package id.simpul.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import id.simpul.platform.json.Json;
import id.simpul.platform.security.Roles;
import id.simpul.platform.security.UserAccounts;
import id.simpul.platform.web.BadInputCases.Case;
import id.simpul.support.Fixtures;
import id.simpul.support.HubTestSupport;
import id.simpul.support.OssSender;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every HTTP endpoint of the hub but the OSS pushes (those are {@code intake.OssBadInputTest}) called with bad
 * input, in one hub: malformed JSON, an array or a scalar for an object, wrong types, missing and unknown fields,
 * 1 MiB strings, control characters, invalid UTF-8, path ids that are not numbers or do not exist, negative and
 * huge sizes, bad dates, the wrong Content-Type, no body, a console form without its CSRF token. Each answer is
 * a 4xx in the caller's shape (the staff API's and G2G's JSON error, the console's page) or a 2xx/3xx where the
 * input is fine, never a 5xx, a stack trace, a class name or SQL; a refusal writes no row anywhere.
 */
class BadInputSweepTest extends HubTestSupport {

    private static final Pattern CSRF = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");
    /** What an answer must never show: a stack frame, a Java or Spring class, the store's SQL or driver. */
    private static final List<String> LEAKS = List.of("at id.simpul", "\tat ", "Exception", "org.springframework",
            "java.lang", "jakarta.", "com.fasterxml", "SELECT ", "INSERT INTO", "DELETE FROM", "UPDATE ", "SQLState",
            "org.h2", "JdbcSQL");
    /** Written by design on every call, refused or not: who asked for what (the G2G access audit). */
    private static final Set<String> LOGS_EVERY_CALL = Set.of("AUDIT_LOG");

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String FRESH_PASSWORD = "kata-sandi-uji-masukan";
    private static final AtomicInteger FRESH = new AtomicInteger();
    private static final AtomicInteger UNIQUE = new AtomicInteger();
    private static String apiKey;
    private static List<String> tables;
    private static ConsoleClient console;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @Autowired
    JdbcClient jdbc;

    @Autowired
    UserAccounts accounts;

    @DynamicPropertySource
    static void g2g(DynamicPropertyRegistry registry) {
        registry.add("simpul.g2g.rate-limit.requests", () -> "1000000");
    }

    @BeforeEach
    void anAgencyAndAConsoleSession() {
        if (apiKey == null) {
            for (String agency : List.of("agency-fuzz.json", "agency-fuzz-target.json")) {
                HttpResponse<String> created = ossSender.postAsAdmin("/api/v1/agencies",
                        Fixtures.text("platform/bad-input/" + agency));
                assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            }
            HttpResponse<String> client = ossSender.postAsAdmin("/api/v1/agencies/fuzz/clients",
                    "{\"system\":\"sistem-uji\"}");
            assertThat(client.statusCode()).as(client.body()).isEqualTo(201);
            apiKey = Json.tree(client.body()).path("apiKey").asText();
        }
        if (console == null || console.port != port) {
            console = ConsoleClient.loggedIn(port, OssSender.ADMIN, OssSender.ADMIN_PASSWORD);
        }
    }

    static List<Case> staffCases() {
        return BadInputCases.of("staff");
    }

    static List<Case> g2gCases() {
        return BadInputCases.of("g2g");
    }

    static List<Case> consoleCases() {
        return BadInputCases.of("console");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("staffCases")
    void theStaffApiRefusesBadInputWithItsJsonErrorAndWritesNothing(Case c) {
        // A wrong current password counts as a wrong login: its calls run as accounts of their own, not locking the admin.
        boolean fresh = c.as().equals("fresh");
        String user = fresh ? freshAccount() : OssSender.ADMIN;
        String password = fresh ? FRESH_PASSWORD : OssSender.ADMIN_PASSWORD;
        sweep(c, "staff", withBody(c).header("Authorization", OssSender.basic(user, password))
                .header("Accept", "application/json"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("g2gCases")
    void theG2gApiRefusesBadInputWithItsJsonErrorAndWritesNothing(Case c) {
        sweep(c, "g2g", withBody(c).header("X-API-Key", apiKey).header("Accept", "application/json"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("consoleCases")
    void theConsoleRefusesBadInputWithAPageAndWritesNothing(Case c) {
        ConsoleClient session = switch (c.as()) {
            case "fresh" -> ConsoleClient.loggedIn(port, freshAccount(), FRESH_PASSWORD);
            case "anonymous" -> new ConsoleClient(port, "/console/login");
            default -> console;
        };
        HttpRequest.Builder request = withBody(c).header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
        if (c.body() != null && c.csrf()) {
            String token = session.csrf();
            if (FORM.equals(c.contentType())) {
                // As a browser sends it: in the form, read by Spring Security's filter before any controller.
                byte[] field = ((c.body().length == 0 ? "" : "&") + "_csrf=" + token).getBytes(StandardCharsets.US_ASCII);
                byte[] form = unique(c.body());
                byte[] body = Arrays.copyOf(form, form.length + field.length);
                System.arraycopy(field, 0, body, form.length, field.length);
                request.method(c.method(), HttpRequest.BodyPublishers.ofByteArray(body));
            } else {
                request.header("X-CSRF-TOKEN", token);
            }
        }
        sweep(c, "console", request, session);
    }

    /** No endpoint of the hub is left out of the sweep: each controller mapping is in endpoints.json. */
    @Test
    void theSweepCallsEveryEndpointTheControllersMap(
            @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings) {
        Set<String> swept = BadInputCases.endpoints().stream().map(e -> e.method() + " " + e.template())
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> mapped = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, method) -> {
            if (!method.getBeanType().getPackageName().startsWith("id.simpul")) {
                return;
            }
            Set<String> verbs = info.getMethodsCondition().getMethods().isEmpty() ? Set.of("GET")
                    : info.getMethodsCondition().getMethods().stream().map(Enum::name).collect(Collectors.toSet());
            for (String path : info.getPatternValues()) {
                verbs.forEach(verb -> mapped.add(verb + " " + path));
            }
        });
        mapped.remove("GET /console/");
        assertThat(swept).containsAll(mapped);
    }

    /** Sampled or not ({@code SweepSample}), every field mutation reaches every endpoint that takes a JSON body. */
    @Test
    void everyFieldMutationReachesEveryEndpointWithABody() {
        List<String> mutations = new ArrayList<>();
        Json.tree(Fixtures.text("platform/bad-input/mutations.json")).path("field")
                .forEach(v -> mutations.add(v.asText()));
        for (BadInputCases.Endpoint e : BadInputCases.endpoints()) {
            if (e.body() == null || e.body().isEmpty()) {
                continue;
            }
            String call = e.method() + " " + e.template() + " body ";
            List<String> names = BadInputCases.of(e).stream().map(Case::name).filter(n -> n.startsWith(call)).toList();
            assertThat(mutations).as(call).allSatisfy(m -> assertThat(names)
                    .anySatisfy(n -> assertThat(n).endsWith("=" + BadInputCases.shown(m))));
        }
    }

    private String freshAccount() {
        String name = "fuzz.self." + FRESH.incrementAndGet();
        accounts.create(name, FRESH_PASSWORD, List.of(Roles.OPERATOR));
        return name;
    }

    private void sweep(Case c, String api, HttpRequest.Builder request) {
        sweep(c, api, request, null);
    }

    private void sweep(Case c, String api, HttpRequest.Builder request, ConsoleClient session) {
        Map<String, Long> before = rowCounts();
        HttpResponse<String> response = send(request, session);
        Map<String, Long> after = rowCounts();
        int status = response.statusCode();
        String body = response.body();
        String type = response.headers().firstValue("Content-Type").orElse("");

        assertThat(status).as(c + " -> " + status + " " + shown(body)).isLessThan(500);
        // Still signed in: a case answered as a stranger would have tested nothing of the endpoint.
        assertThat(status).as(c + " -> " + status + " " + shown(body)).isNotEqualTo(401);
        if (!c.as().equals("anonymous")) {
            assertThat(response.headers().firstValue("Location").orElse("")).as(c.toString()).doesNotContain("/login");
        }
        assertThat(LEAKS).as(c + " leaks in " + shown(body)).noneMatch(body::contains);
        if (c.refused()) {
            assertThat(status).as(c + " must be refused -> " + status + " " + shown(body)).isBetween(400, 499);
        }
        if (status >= 400) {
            if (api.equals("console")) {
                assertThat(type).as(c + " " + status + " " + shown(body)).startsWith("text/html");
                assertThat(body).as(c + " " + status).contains("<");
            } else {
                assertThat(type).as(c + " " + status + " " + shown(body)).startsWith("application/json");
                JsonNode error = Json.tree(body);
                assertThat(error.path("error").isTextual()).as(c + " " + status + " " + shown(body)).isTrue();
                assertThat(error.path("error").asText()).as(c.toString()).isNotBlank();
                if (c.field() != null && status == 400) {
                    // A value Jackson can place in a field (a number beyond its type's range, bytes that are not
                    // UTF-8) is refused naming the field, like a wrong type, never with the general message.
                    // Named down to the part Jackson saw fail: a body read as a tree fails at its top field.
                    String top = c.field().split("[.\\[]", 2)[0];
                    assertThat(error.path("error").asText() + " " + error.path("message").asText())
                            .as(c + " -> " + shown(body)).contains(top);
                }
            }
            Map<String, Long> changed = new LinkedHashMap<>();
            after.forEach((table, rows) -> {
                if (!rows.equals(before.get(table)) && !LOGS_EVERY_CALL.contains(table)) {
                    changed.put(table, rows - before.getOrDefault(table, 0L));
                }
            });
            assertThat(changed).as(c + " -> " + status + " wrote rows").isEmpty();
        }
    }

    private HttpRequest.Builder withBody(Case c) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + c.path()))
                .timeout(Duration.ofSeconds(60))
                .method(c.method(), c.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(unique(c.body())));
        if (c.contentType() != null) {
            request.header("Content-Type", c.contentType());
        }
        return request;
    }

    private HttpResponse<String> send(HttpRequest.Builder request, ConsoleClient session) {
        try {
            return (session != null ? session.http : http).send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code {unique}} in a body becomes a number of its own: a create call the sweep lets through (an unknown
     * field) would otherwise make every later case of that endpoint a 409, never reaching the checks of its fields.
     */
    private static byte[] unique(byte[] body) {
        return unique(unique(body, "{unique}"), "%7Bunique%7D");
    }

    private static byte[] unique(byte[] body, String placeholder) {
        byte[] marker = placeholder.getBytes(StandardCharsets.US_ASCII);
        int at = indexOf(body, marker);
        if (at < 0) {
            return body;
        }
        byte[] number = String.valueOf(UNIQUE.incrementAndGet()).getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[body.length - marker.length + number.length];
        System.arraycopy(body, 0, out, 0, at);
        System.arraycopy(number, 0, out, at, number.length);
        System.arraycopy(body, at + marker.length, out, at + number.length, body.length - at - marker.length);
        return out;
    }

    private static int indexOf(byte[] body, byte[] marker) {
        outer:
        for (int i = 0; i + marker.length <= body.length; i++) {
            for (int j = 0; j < marker.length; j++) {
                if (body[i + j] != marker[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The row count of every table of the store, in one statement (it runs twice per case). */
    private Map<String, Long> rowCounts() {
        if (tables == null) {
            tables = jdbc.sql("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'"
                    + " AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME").query(String.class).list();
        }
        List<String> columns = new ArrayList<>();
        for (int i = 0; i < tables.size(); i++) {
            columns.add("(SELECT COUNT(*) FROM \"" + tables.get(i) + "\") AS C" + i);
        }
        String counts = "SELECT " + String.join(", ", columns);
        Map<String, Object> row = jdbc.sql(counts).query().singleRow();
        Map<String, Long> byTable = new LinkedHashMap<>();
        List<Object> values = new ArrayList<>(row.values());
        for (int i = 0; i < tables.size(); i++) {
            byTable.put(tables.get(i), ((Number) values.get(i)).longValue());
        }
        return byTable;
    }

    private static String shown(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }

    /** A browser's session with the console: its cookie and the CSRF token its pages carry. */
    private static final class ConsoleClient {
        final int port;
        final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

        /** The page whose CSRF token the session's forms carry. */
        final String csrfPage;

        private ConsoleClient(int port, String csrfPage) {
            this.port = port;
            this.csrfPage = csrfPage;
        }

        static ConsoleClient loggedIn(int port, String user, String password) {
            ConsoleClient c = new ConsoleClient(port, "/console/password");
            String form = "username=" + user + "&password=" + password + "&_csrf=" + c.csrfOf("/console/login");
            HttpResponse<String> r = c.get(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/console/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)));
            assertThat(r.statusCode()).as("console login").isEqualTo(302);
            return c;
        }

        String csrf() {
            return csrfOf(csrfPage);
        }

        private String csrfOf(String page) {
            HttpResponse<String> r = get(HttpRequest.newBuilder(URI.create("http://localhost:" + port + page)).GET());
            Matcher m = CSRF.matcher(r.body());
            assertThat(m.find()).as("CSRF token on " + page + " (" + r.statusCode() + ")").isTrue();
            return m.group(1);
        }

        private HttpResponse<String> get(HttpRequest.Builder request) {
            try {
                return http.send(request.header("Accept", "text/html").timeout(Duration.ofSeconds(60)).build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
