package id.simpul.reconciliation.console;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.fail;

import id.simpul.platform.ledger.LedgerEntry;
import id.simpul.platform.ledger.SyncLedger;
import id.simpul.platform.security.Roles;
import id.simpul.platform.security.UserAccounts;
import id.simpul.reconciliation.DeadLetter;
import id.simpul.reconciliation.DeadLetterFilter;
import id.simpul.reconciliation.DeadLetterStore;
import id.simpul.support.Fixtures;
import id.simpul.support.HubTestSupport;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The operator console in a real headless Chromium (Debian's chromium and chromium-driver, installed
 * here with apt-get when missing): an operator finds a dead-lettered permit, sees the NIK masked,
 * corrects a field, replays it and sees it delivered in the trail; an auditor has no replay button
 * and a direct POST of the replay form is refused.
 */
class ConsoleBrowserTest extends HubTestSupport {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String OPERATOR = "siti.operator";
    private static final String AUDITOR = "budi.auditor";
    private static final String PASSWORD = "kata-sandi-peramban";
    private static final String NIK = "1607111204780003";
    private static final String FIXTURE_NIB = "9120301234567";
    private static final String FIXTURE_ID_IZIN = "I-202611210915001234567";

    private static ChromeDriverService service;
    private static Path profile;
    private WebDriver driver;

    @Autowired
    UserAccounts accounts;
    @Autowired
    SyncLedger ledger;
    @Autowired
    DeadLetterStore deadLetters;

    @BeforeAll
    static void chromium() throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            install();
        }
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("Debian's chromium and chromium-driver are needed (" + CHROMIUM + ", " + CHROMEDRIVER
                    + ") and could not be installed; see target/chromium-install.log");
        }
        // The driver binary is given, so Selenium Manager downloads nothing.
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
                .withLogFile(new File("target/chromedriver.log")).build();
        service.start();
        profile = Files.createTempDirectory("simpul-chromium-");
    }

    @AfterAll
    static void stopDriverService() {
        if (service != null) {
            service.stop();
        }
    }

    @AfterEach
    void closeBrowser() {
        if (driver != null) {
            driver.quit();
        }
        sicantik.resetStubs();
    }

    @Test
    void anOperatorCorrectsAndReplaysADeadLetteredPermitAndAnAuditorCannotReplay() throws IOException {
        accounts.create(OPERATOR, PASSWORD, List.of(Roles.OPERATOR));
        accounts.create(AUDITOR, PASSWORD, List.of(Roles.AUDITOR));
        // Some ordinary traffic, so the dashboard has something to draw.
        for (int i = 1; i <= 4; i++) {
            push("912030123880" + i, "I-20261121091500123880" + i);
        }
        for (int i = 1; i <= 4; i++) {
            awaitState("912030123880" + i, "DELIVERED");
        }
        // SiCantik refuses the next two permits: they become dead letters.
        sicantik.wireMock().stubFor(post(urlPathEqualTo("/api/v1/permohonan")).atPriority(1)
                .willReturn(aResponse().withStatus(422).withBody("{\"success\":false,\"code\":\"KODE_IZIN_BELUM_DIPETAKAN\",\"message\":\"kode izin belum dipetakan\"}")));
        String nib = "9120301238810";
        String other = "9120301238811";
        push(nib, "I-202611210915001238810");
        push(other, "I-202611210915001238811");
        awaitState(nib, "DEAD_LETTERED");
        awaitState(other, "DEAD_LETTERED");
        long otherDeadLetter = deadLetterOf(other);
        sicantik.resetStubs();

        driver = browser();
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));

        // Log in as the operator: the console asks in Bahasa Indonesia first.
        driver.get(url("/console"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-submit")));
        assertThat(driver.findElement(By.tagName("h1")).getText()).contains("Masuk ke konsol Simpul");
        logIn(wait, OPERATOR);
        assertThat(driver.findElement(By.id("current-user")).getText()).isEqualTo(OPERATOR);

        // Dead letters → the permit's row → its page.
        driver.findElement(By.id("nav-dead-letters")).click();
        WebElement row = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#dead-letter-table tr[data-nib='" + nib + "']")));
        row.findElement(By.className("dead-letter-link")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("canonical")));
        assertThat(driver.findElement(By.id("dl-nib")).getText()).isEqualTo(nib);
        assertThat(driver.findElement(By.id("dl-error")).getText()).contains("KODE_IZIN_BELUM_DIPETAKAN");

        // The NIK is masked for the operator, in the editor and anywhere on the page.
        WebElement editor = driver.findElement(By.id("canonical"));
        assertThat(editor.getDomProperty("value")).contains("1607**********03").doesNotContain(NIK)
                .contains("\"kdIzin\" : \"011000000001\"");
        assertThat(driver.getPageSource()).doesNotContain(NIK);
        assertThat(driver.findElement(By.id("masked-badge")).isDisplayed()).isTrue();

        // Correct permit.kdIzin in the editor and save without replaying yet.
        ((JavascriptExecutor) driver).executeScript(
                "var t = document.getElementById('canonical');"
                        + "t.value = t.value.replace('\"kdIzin\" : \"011000000001\"', '\"kdIzin\" : \"011000000099\"');",
                editor);
        WebElement replayAfterSave = driver.findElement(By.id("edit-replay"));
        if (replayAfterSave.isSelected()) {
            replayAfterSave.click();
        }
        driver.findElement(By.id("edit-save")).click();
        WebElement saved = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("edit-saved")));
        assertThat(saved.getText()).contains("/permit/kdIzin").contains("011000000099");
        screenshot("console-dead-letter.png");

        // Replay.
        driver.findElement(By.id("edit-reload")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("replay-button"))).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "dikirim ulang"));

        // The trail shows the permit delivered (the page is reloaded until it is).
        driver.findElement(By.id("open-trail")).click();
        new WebDriverWait(driver, Duration.ofSeconds(30)).pollingEvery(Duration.ofMillis(500)).until(d -> {
            if (!d.findElements(By.cssSelector(".trail-state[data-state='DELIVERED']")).isEmpty()) {
                return true;
            }
            d.navigate().refresh();
            return false;
        });
        assertThat(driver.findElement(By.id("trail-nib")).getDomProperty("value")).isEqualTo(nib);
        assertThat(driver.findElements(By.cssSelector(".timeline li[data-kind='EDITED']"))).isNotEmpty();
        assertThat(driver.findElements(By.cssSelector(".timeline li[data-kind='DELIVERED']"))).isNotEmpty();
        // The canonical form loads on demand (htmx), masked for the operator.
        driver.findElement(By.cssSelector(".canonical-box button")).click();
        WebElement canonical = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".canonical-box pre")));
        assertThat(canonical.getText()).contains("1607**********03").contains("011000000099");
        assertThat(driver.getPageSource()).doesNotContain(NIK);
        // What reached SiCantik: the corrected code and the real (stored) NIK, not the masked one.
        sicantik.wireMock().verify(1, postRequestedFor(urlPathEqualTo("/api/v1/permohonan"))
                .withRequestBody(matchingJsonPath("$.nib", equalTo(nib)))
                .withRequestBody(matchingJsonPath("$.jenis_izin_id", equalTo("011000000099")))
                .withRequestBody(matchingJsonPath("$.no_identitas", equalTo(NIK))));

        // The dashboard, as staff see it.
        driver.findElement(By.id("nav-dashboard")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("chart-hourly")));
        assertThat(driver.findElement(By.id("count-DELIVERED")).getText()).isEqualTo("5");
        driver.manage().window().setSize(new Dimension(1400, 1400));
        assertThat(Files.size(screenshot("console-dashboard.png"))).isGreaterThan(10_000);

        // An auditor, this time in English: no replay button, and a direct POST is refused.
        driver.findElement(By.id("logout")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-submit")));
        driver.findElement(By.id("lang-en")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Log in to the Simpul console"));
        logIn(wait, AUDITOR);
        assertThat(driver.findElement(By.id("nav-dashboard")).getText()).isEqualTo("Dashboard");
        driver.get(url("/console/dead-letters/" + otherDeadLetter));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("read-only")));
        assertThat(driver.findElements(By.id("replay-button"))).isEmpty();
        assertThat(driver.findElements(By.id("edit-form"))).isEmpty();
        Object status = ((JavascriptExecutor) driver).executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                        + "var h = {'Content-Type': 'application/x-www-form-urlencoded'};"
                        + "h[document.querySelector('meta[name=_csrf_header]').content] ="
                        + "  document.querySelector('meta[name=_csrf]').content;"
                        + "fetch('/console/dead-letters/" + otherDeadLetter + "/replay',"
                        + "  {method: 'POST', headers: h, body: '', redirect: 'manual'})"
                        + ".then(function (r) { done(r.status); }, function (e) { done(String(e)); });");
        assertThat(status).isEqualTo(403L);
        assertThat(deadLetters.find(otherDeadLetter)).get().extracting(DeadLetter::state).isEqualTo(DeadLetter.WAITING);
    }

    private Path screenshot(String name) throws IOException {
        Path shot = Path.of("target", name);
        Files.copy(((ChromeDriver) driver).getScreenshotAs(OutputType.FILE).toPath(), shot,
                StandardCopyOption.REPLACE_EXISTING);
        return shot;
    }

    private void logIn(WebDriverWait wait, String user) {
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(PASSWORD);
        driver.findElement(By.id("login-submit")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("counts")));
    }

    private WebDriver browser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1366,1000", "--user-data-dir=" + profile.resolve("p" + System.nanoTime()));
        WebDriver d = new ChromeDriver(service, options);
        d.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(30));
        return d;
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private void push(String nib, String idIzin) {
        String body = Fixtures.text("oss/receiveNIB/perorangan-banyuasin.json").replace(FIXTURE_NIB, nib)
                .replace(FIXTURE_ID_IZIN, idIzin);
        assertThat(ossSender.receiveNib(body, nib).statusCode()).isEqualTo(200);
    }

    private void awaitState(String nib, String state) {
        await().atMost(Duration.ofSeconds(40)).until(() -> ledger.byNib(nib).stream().map(LedgerEntry::state)
                .map(Enum::name).toList(), states -> states.contains(state));
    }

    private long deadLetterOf(String nib) {
        DeadLetterStore.Page page = deadLetters.list(new DeadLetterFilter(null, null, null, null, nib, null,
                DeadLetter.WAITING), 0, 5);
        assertThat(page.items()).hasSize(1);
        return page.items().get(0).id();
    }

    /** Debian's chromium and chromium-driver, as root with apt-get (the machines and CI run as root). */
    private static void install() throws IOException, InterruptedException {
        File log = new File("target/chromium-install.log");
        log.getParentFile().mkdirs();
        for (List<String> command : List.of(List.of("apt-get", "update"),
                List.of("apt-get", "install", "-y", "--no-install-recommends", "chromium", "chromium-driver"))) {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log));
            pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
            Process p = pb.start();
            if (!p.waitFor(15, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                fail(String.join(" ", command) + " did not finish in 15 minutes; see " + log);
            }
            if (p.exitValue() != 0) {
                fail(String.join(" ", command) + " failed with exit code " + p.exitValue() + "; see " + log);
            }
        }
    }
}
