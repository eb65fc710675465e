package id.simpul.reconciliation.console;

import static org.assertj.core.api.Assertions.assertThat;

import id.simpul.delivery.local.LocalPermitPolls;
import id.simpul.delivery.local.LocalPermitStore;
import id.simpul.platform.security.Roles;
import id.simpul.platform.security.UserAccounts;
import id.simpul.support.Fixtures;
import id.simpul.support.HubTestSupport;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The console's page of the offices' own (local) permits: the polls per target and the stored permits, newest
 * first, masked by role with every unmasked view audited, and the console's error pages for bad addresses.
 */
class LocalPermitPagesTest extends HubTestSupport {

    static final String OPERATOR = ConsolePagesTest.OPERATOR;
    static final String AUDITOR = ConsolePagesTest.AUDITOR;
    static final String PASSWORD = ConsolePagesTest.PASSWORD;
    static final String NIK = "1607115508900077";
    static final String PHONE = "081377770077";
    /** A target no configured office has: the hub's own poll of banyuasin must not overwrite what the test wrote. */
    static final String FAILING_TARGET = "uji-lokal";
    private static final AtomicInteger NUMBERS = new AtomicInteger();

    @Autowired
    UserAccounts accounts;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    LocalPermitStore store;
    @Autowired
    LocalPermitPolls polls;

    private String reklame;

    @BeforeEach
    void accountsAPermitAndAFailingPoll() {
        if (accounts.find(OPERATOR).isEmpty()) {
            accounts.create(OPERATOR, PASSWORD, List.of(Roles.OPERATOR));
        }
        if (accounts.find(AUDITOR).isEmpty()) {
            accounts.create(AUDITOR, PASSWORD, List.of(Roles.AUDITOR));
        }
        reklame = save("KONSOL-REKLAME", "ISSUED");
        polls.failed(FAILING_TARGET, "GET /api/v1/izin-daerah answered 503 <i>Service Unavailable</i>");
    }

    /** A permit of the fixture under a new number, as the intake stores it. */
    private String save(String type, String status) {
        return save("KONSOL-" + System.nanoTime() % 1_000_000 + "-" + NUMBERS.incrementAndGet(), type, status);
    }

    private String save(String number, String type, String status) {
        String canonical = Fixtures.text("reconciliation/local-permit-reklame-banyuasin.json")
                .replace("LOCALNUMBER", number).replace("\"REKLAME\"", "\"" + type + "\"")
                .replace("\"ISSUED\"", "\"" + status + "\"");
        store.save(new LocalPermitStore.Change("banyuasin", number, "1607112003", type, status, null, "A-CONSOLE-0077",
                "hash-" + number, canonical));
        return number;
    }

    private long viewed(String actor) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE action = 'PERSONAL_DATA_VIEWED' AND actor = :a"
                + " AND subject_type = 'local_permit'").param("a", actor).query(Long.class).single();
    }

    @Test
    void anOperatorSeesThePollsAndThePermitsWithNikAndPhoneMaskedAndNothingIsAudited() {
        ConsoleSession operator = ConsoleSession.loggedIn(port, OPERATOR, PASSWORD);
        long before = viewed(OPERATOR);

        HttpResponse<String> list = operator.get("/console/local-permits?target=banyuasin&type=KONSOL-REKLAME");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("id=\"poll-" + FAILING_TARGET + "\"").contains("503 &lt;i&gt;Service")
                .contains(reklame).contains("Izin Reklame").contains("2026-11-20").contains("1607112003")
                .contains("SITI &lt;b&gt;AMINAH&lt;/b&gt;").contains("A-CONSOLE-0077").contains("1607**********77")
                .doesNotContain(NIK).contains("id=\"masked-badge\"")
                .contains("href=\"/console/local-permits/banyuasin/" + reklame + "\"");

        HttpResponse<String> detail = operator.get("/console/local-permits/banyuasin/" + reklame);
        assertThat(detail.statusCode()).isEqualTo(200);
        assertThat(detail.body()).contains("id=\"masked-badge\"").contains("1607**********77").contains("1990-**-**")
                .doesNotContain(NIK).doesNotContain(PHONE).doesNotContain("1990-08-15")
                .contains("503/REK/0077/2026").contains("Papan reklame").contains("A-CONSOLE-0077")
                .contains("data-field=\"applicant.address.village\"");
        assertThat(viewed(OPERATOR)).as("nothing unmasked, nothing audited").isEqualTo(before);
    }

    @Test
    void anAuditorSeesNikAndPhoneAndEachUnmaskedViewIsAudited() {
        ConsoleSession auditor = ConsoleSession.loggedIn(port, AUDITOR, PASSWORD);
        long before = viewed(AUDITOR);

        String detail = auditor.get("/console/local-permits/banyuasin/" + reklame).body();

        assertThat(detail).contains(NIK).contains(PHONE).contains("1990-08-15").doesNotContain("id=\"masked-badge\"");
        assertThat(viewed(AUDITOR)).isEqualTo(before + 1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE action = 'PERSONAL_DATA_VIEWED' AND actor = :a"
                        + " AND subject_id = :id AND data_subject IS NOT NULL")
                .param("a", AUDITOR).param("id", "banyuasin/" + reklame).query(Long.class).single())
                .as("the row names the permit and, by its keyed hash, the person").isEqualTo(1);

        String list = auditor.get("/console/local-permits?target=banyuasin&type=KONSOL-REKLAME&size=1").body();
        assertThat(list).contains(NIK).contains("id=\"unmasked-note\"").doesNotContain("id=\"masked-badge\"");
        assertThat(viewed(AUDITOR)).as("the list's one row shown unmasked").isEqualTo(before + 2);
    }

    @Test
    void theListIsNewestFirstPagedAndFilteredByTargetTypeAndStatus() {
        String first = save("UJI-HALAMAN", "IN_PROCESS");
        String second = save("UJI-HALAMAN", "REJECTED");
        String third = save("UJI-HALAMAN", "IN_PROCESS");
        ConsoleSession operator = ConsoleSession.loggedIn(port, OPERATOR, PASSWORD);

        String one = operator.get("/console/local-permits?type=UJI-HALAMAN&size=2").body();
        assertThat(one).contains("Total 3").contains("id=\"page-next\"").contains(third).contains(second)
                .doesNotContain(first).doesNotContain(reklame);
        assertThat(one.indexOf(third)).as("newest first").isLessThan(one.indexOf(second));
        String two = operator.get("/console/local-permits?type=UJI-HALAMAN&size=2&page=1").body();
        assertThat(two).contains(first).doesNotContain(second).contains("id=\"page-previous\"");

        String rejected = operator.get("/console/local-permits?target=banyuasin&type=UJI-HALAMAN&status=REJECTED").body();
        assertThat(rejected).contains(second).doesNotContain(first).doesNotContain(third);
        assertThat(operator.get("/console/local-permits?target=" + FAILING_TARGET).body())
                .as("a polled target without permits").contains("id=\"no-local-permits\"");
    }

    @Test
    void theNavigationLinksThePageAndTheDashboardNamesTheFailingPoll() {
        ConsoleSession operator = ConsoleSession.loggedIn(port, OPERATOR, PASSWORD);

        String dashboard = operator.get("/console").body();

        assertThat(dashboard).contains("id=\"nav-local-permits\"").contains("id=\"tile-local-polls\"")
                .contains("href=\"/console/local-permits\"");
        String tile = dashboard.substring(dashboard.indexOf("id=\"tile-local-polls\""));
        assertThat(tile.substring(0, tile.indexOf("</a>"))).contains(FAILING_TARGET);
        assertThat(operator.get("/console?lang=en").body()).contains("Local permits").contains("Local-permit polls failing");
    }

    @Test
    void anUnknownTargetOrNumberIsTheConsoles404AndABadPageSizeIts400() {
        ConsoleSession operator = ConsoleSession.loggedIn(port, OPERATOR, PASSWORD);

        assertNotFound(operator.get("/console/local-permits/banyuasin/TIDAK-ADA-1"));
        assertNotFound(operator.get("/console/local-permits/tidak-ada/" + reklame));
        assertNotFound(operator.get("/console/local-permits?target=tidak-ada"));
        for (String bad : List.of("size=0", "size=101", "size=abc", "page=-1", "status=SELESAI", "type=%3Cb%3E",
                "page=99999999&size=100")) {
            HttpResponse<String> r = operator.get("/console/local-permits?" + bad);
            assertThat(r.statusCode()).as(bad).isEqualTo(400);
            assertThat(r.body()).as(bad).contains("id=\"problem\"").doesNotContain("Exception");
        }
    }

    @Test
    void aNumberWithSlashesIsOpenedFromTheListsOwnLink() {
        String number = "503/" + NUMBERS.incrementAndGet() + "/DPMPTSP/2026";
        save(number, "UJI-GARIS-MIRING", "ISSUED");
        ConsoleSession operator = ConsoleSession.loggedIn(port, OPERATOR, PASSWORD);

        String list = operator.get("/console/local-permits?type=UJI-GARIS-MIRING").body();
        Matcher link = Pattern.compile("class=\"local-permit-link\" href=\"([^\"]+)\"").matcher(list);
        assertThat(link.find()).as(list).isTrue();
        assertThat(link.group(1)).isEqualTo("/console/local-permits/banyuasin/" + number);

        HttpResponse<String> detail = operator.get(link.group(1));
        assertThat(detail.statusCode()).as(detail.body()).isEqualTo(200);
        assertThat(detail.body()).contains("banyuasin/" + number).contains("Papan reklame");
    }

    @Test
    void aNumberOutsideTheDocumentedFormIsTheConsoles400() {
        ConsoleSession operator = ConsoleSession.loggedIn(port, OPERATOR, PASSWORD);
        for (String bad : List.of("503%2F0066", "503%2f0066", "503//0066", "503/./0066", "503/0066/", "503%200066",
                "x".repeat(41))) {
            HttpResponse<String> r = operator.get("/console/local-permits/banyuasin/" + bad);
            assertThat(r.statusCode()).as(bad).isEqualTo(400);
            assertThat(r.body()).as(bad).contains("id=\"problem\"").doesNotContain("Exception");
        }
    }

    private static void assertNotFound(HttpResponse<String> r) {
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("id=\"problem\"").doesNotContain("Exception");
    }
}
