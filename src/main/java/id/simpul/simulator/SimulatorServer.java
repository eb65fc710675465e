package id.simpul.simulator;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * A named WireMock server standing in for a system we cannot reach. Its stubs are read from
 * {@code classpath:simulators/<name>/mappings/*.json} (never from the top-level {@code mappings/},
 * which holds the hub's own mappings) and from any shared stub folders, and copied into its file
 * root under the data dir, so they are WireMock's default mappings: {@code resetToDefaultMappings()}
 * (and {@code POST /__admin/mappings/reset}) restores them after a test or an operator changed stubs.
 * The {@code /__admin} API stays on.
 */
public class SimulatorServer {

    private final String name;
    private final WireMockServer server;

    public SimulatorServer(String name, int port, Path dataDir, Object... extensions) {
        this(name, List.of(), port, dataDir, extensions);
    }

    /** A simulator that also loads the stubs of {@code classpath:simulators/<shared>/mappings/} for each shared folder. */
    protected SimulatorServer(String name, List<String> sharedStubs, int port, Path dataDir, Object... extensions) {
        this.name = name;
        Path root = dataDir.resolve("simulators").resolve(name);
        try {
            Files.createDirectories(root.resolve("mappings"));
            Files.createDirectories(root.resolve("__files"));
            copyStubs(root.resolve("mappings"), name, sharedStubs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var options = options()
                .port(port)
                .bindAddress("127.0.0.1")
                .usingFilesUnderDirectory(root.toString())
                .templatingEnabled(true)
                .globalTemplating(false)
                .containerThreads(20)
                .maxRequestJournalEntries(5000);
        for (Object extension : extensions) {
            if (extension instanceof com.github.tomakehurst.wiremock.extension.Extension ext) {
                options.extensions(ext);
            }
        }
        this.server = new WireMockServer(options);
    }

    public void start() {
        server.start();
    }

    /** Back to the shipped stubs (what {@code POST /__admin/mappings/reset} does too). */
    public void resetStubs() {
        server.resetToDefaultMappings();
    }

    public void stop() {
        server.stop();
    }

    public int port() {
        return server.port();
    }

    public String name() {
        return name;
    }

    public WireMockServer wireMock() {
        return server;
    }

    /** The folder is the simulator's own: its stub files are replaced by the classpath's at each start. */
    private static void copyStubs(Path target, String name, List<String> sharedStubs) throws IOException {
        try (Stream<Path> old = Files.list(target)) {
            for (Path file : old.filter(f -> f.toString().endsWith(".json")).toList()) {
                Files.delete(file);
            }
        }
        List<String> folders = new ArrayList<>(sharedStubs);
        folders.add(name);
        for (String folder : folders) {
            Resource[] stubs = new PathMatchingResourcePatternResolver()
                    .getResources("classpath*:simulators/" + folder + "/mappings/*.json");
            for (Resource stub : stubs) {
                try (InputStream in = stub.getInputStream()) {
                    Files.write(target.resolve(folder + "--" + stub.getFilename()), in.readAllBytes());
                }
            }
        }
    }

}
