package id.simpul.platform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import id.simpul.mapping.LastGood;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An offline command ({@code java -jar simpul.jar <command>}) starts no Spring Boot, so {@code logback-spring.xml}
 * never applies: its log lines are masked by the configuration Logback finds by itself. Run as IT staff run it,
 * in a JVM of its own, since this one's logging was set up by whichever test ran first.
 */
class OfflineCommandLoggingTest {

    private static final String NIK = "1607111204780003";
    private static final String MASKED_NIK = "1607**********03";
    private static final String MAPPING = "oss/receiveNIB/default.jslt";

    @TempDir
    Path temp;

    @Test
    void aLogLineOfAnOfflineCommandShowsANikMasked() throws IOException, InterruptedException {
        Path mappings = temp.resolve("mappings");
        Files.createDirectories(mappings.resolve("oss/receiveNIB"));
        Files.writeString(mappings.resolve(MAPPING), "{\"label\": .name\n");
        // A damaged last good copy whose unreadable date quotes a NIK: LastGood logs why it ignores the copy.
        Path copy = temp.resolve("data").resolve(LastGood.FOLDER).resolve(MAPPING + ".json");
        Files.createDirectories(copy.getParent());
        Files.writeString(copy, "{\"file\":\"" + MAPPING + "\",\"saved\":\"" + NIK + "\",\"sources\":{\"" + MAPPING
                + "\":\"{}\"}}");

        String output = run("check-mappings", "--mappings-dir", mappings.toString(), "--samples", "mappings/samples",
                "--data-dir", temp.resolve("data").toString());

        assertThat(output).contains("ignoring the last good copy of " + MAPPING).contains(MASKED_NIK)
                .doesNotContain(NIK);
    }

    private String run(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), "id.simpul.SimpulApplication"));
        command.addAll(List.of(args));
        Path log = temp.resolve("command.log");
        Process process = new ProcessBuilder(command).directory(new File(System.getProperty("user.dir")))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the command did not end: " + Files.readString(log, StandardCharsets.UTF_8));
        }
        return Files.readString(log, StandardCharsets.UTF_8);
    }
}
