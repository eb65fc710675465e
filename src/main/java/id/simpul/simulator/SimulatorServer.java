package id.simpul.simulator;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * A named WireMock server standing in for a system we cannot reach. Its stubs are read from
 * {@code classpath:simulators/<name>/mappings/*.json} (never from the top-level {@code mappings/},
 * which holds the hub's own mappings); its file root is an empty folder under the data dir so
 * WireMock does not scan the working directory. The {@code /__admin} API stays on.
 */
public final class SimulatorServer {

    private final String name;
    private final WireMockServer server;

    public SimulatorServer(String name, int port, Path dataDir, Object... extensions) {
        this.name = name;
        Path root = dataDir.resolve("simulators").resolve(name);
        try {
            Files.createDirectories(root.resolve("mappings"));
            Files.createDirectories(root.resolve("__files"));
            copyStubs(name, root.resolve("mappings"));
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

    /**
     * Copies the shipped stubs into the server's own file root, so they are WireMock's default
     * mappings: a reset through the admin API restores them instead of leaving the simulator empty.
     */
    private static void copyStubs(String name, Path target) throws IOException {
        Resource[] stubs = new PathMatchingResourcePatternResolver()
                .getResources("classpath*:simulators/" + name + "/mappings/*.json");
        for (Resource stub : stubs) {
            try (InputStream in = stub.getInputStream()) {
                Files.writeString(target.resolve(stub.getFilename()), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
    }

}
