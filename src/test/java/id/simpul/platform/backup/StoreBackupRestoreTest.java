package id.simpul.platform.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import id.simpul.platform.json.Json;
import id.simpul.support.Fixtures;
import id.simpul.support.HubLives;
import id.simpul.support.OssSender;
import id.simpul.support.TestPorts;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The documented recovery onto a new machine: a backup made through the API while the hub runs, the
 * installation's keys copied over, {@code restore-store}, and a hub that starts on the restored store
 * with the permit's trail and an intact audit chain.
 */
class StoreBackupRestoreTest {

    private static final String NIB = "9120301234567";

    @Test
    void aBackupMadeByARunningHubRestoresOntoANewInstallationThatStartsWithTheSameRecords(
            @TempDir Path oldMachine, @TempDir Path newMachine) throws Exception {
        int port = TestPorts.free();
        Map<String, Object> props = HubLives.settings(oldMachine, port);
        Path backupFile;
        try (ConfigurableApplicationContext first = HubLives.start(props)) {
            OssSender oss = new OssSender(port);
            assertThat(oss.receiveNib(Fixtures.text("oss/receiveNIB/perorangan-banyuasin.json"), NIB).statusCode())
                    .isEqualTo(200);
            await().atMost(Duration.ofSeconds(30)).until(() -> trailEntry(oss).path("state").asText(), "DELIVERED"::equals);

            HttpResponse<String> made = oss.postAsAdmin("/api/v1/backups", "");

            assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
            String name = Json.tree(made.body()).path("name").asText();
            assertThat(Json.tree(oss.getAs(OssSender.ADMIN, OssSender.ADMIN_PASSWORD, "/api/v1/backups").body())
                    .findValuesAsText("name")).containsExactly(name);
            assertThat(oss.getAnonymous("/api/v1/backups").statusCode()).isEqualTo(401);
            backupFile = oldMachine.resolve("backups").resolve(name);
        }

        // The operator brings the backup and, kept apart from it, the installation's keys.
        copyTree(oldMachine.resolve("keys"), newMachine.resolve("keys"));
        Path carried = Files.copy(backupFile, newMachine.resolve(backupFile.getFileName()));
        assertThat(RestoreStoreCommand.run(new String[] {"--from", carried.toString(), "--data-dir", newMachine.toString()}))
                .isZero();

        try (ConfigurableApplicationContext second = HubLives.start(HubLives.settings(newMachine, port))) {
            OssSender oss = new OssSender(port);
            assertThat(trailEntry(oss).path("state").asText()).isEqualTo("DELIVERED");
            JsonNode verified = Json.tree(oss.getAs(OssSender.ADMIN, OssSender.ADMIN_PASSWORD, "/api/v1/audit/verify").body());
            assertThat(verified.path("intact").asBoolean()).as(verified.toString()).isTrue();
            // The restored chain ends at the backup; the log says so and where the newer rows still are.
            JdbcClient jdbc = JdbcClient.create(second.getBean(DataSource.class));
            assertThat(jdbc.sql("SELECT details FROM audit_log WHERE action = 'STORE_RESTORED'").query(String.class).list())
                    .singleElement().asString().startsWith("restored from the backup of ")
                    .contains("there was no previous store");
            assertThat(newMachine.resolve("store").resolve(RestoreMarker.FILE)).doesNotExist();
            // The permit is sealed in the restored store, and opens with the PII key the operator brought.
            assertThat(jdbc.sql("SELECT canonical FROM sync_ledger").query(String.class).single()).startsWith("sealed:v1:");
            assertThat(Json.tree(oss.get("/api/v1/trail?nib=" + NIB).body()).path("entries").path(0).path("canonical")
                    .path("source").path("idIzin").asText()).isEqualTo("I-202611210915001234567");
        }
    }

    private static JsonNode trailEntry(OssSender oss) {
        return Json.tree(oss.get("/api/v1/trail?nib=" + NIB).body()).path("entries").path(0).path("entry");
    }

    private static void copyTree(Path from, Path to) throws Exception {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }
}
