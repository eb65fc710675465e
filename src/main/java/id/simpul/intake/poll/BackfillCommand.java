package id.simpul.intake.poll;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code java -jar simpul.jar backfill-nibs --in nibs.txt [--rate 5] [--hub http://localhost:8080]}:
 * checks the file, hands it to a running hub ({@code POST /api/v1/backfills}) and prints where to
 * follow its progress. The hub does the work, so it is rate-limited, resumable and visible in the
 * metrics whether or not this command is still running.
 */
public final class BackfillCommand {

    public static final String NAME = "backfill-nibs";

    private BackfillCommand() {
    }

    public static int run(String[] args) {
        return run(args, System.out, System.err);
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, System.getenv("SIMPUL_API_PASSWORD"), out, err);
    }

    static int run(String[] args, String apiPassword, PrintStream out, PrintStream err) {
        String in = null;
        String rate = null;
        String hub = "http://localhost:8080";
        // The API needs a personal account (operator or admin); the password only from the environment.
        String user = System.getenv().getOrDefault("SIMPUL_API_USER", "admin");
        String password = apiPassword;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--in" -> in = value;
                case "--rate" -> rate = value;
                case "--hub" -> hub = value;
                case "--user" -> user = value;
                default -> {
                    return usage(err, "unknown option " + args[i]);
                }
            }
            i++;
            if (value == null) {
                return usage(err, "option " + args[i - 1] + " needs a value");
            }
        }
        if (in == null) {
            return usage(err, "--in is required");
        }
        String text;
        try {
            text = Files.readString(Path.of(in));
        } catch (IOException e) {
            err.println("cannot read " + in + ": " + e.getMessage());
            return 2;
        }
        NibList list = NibList.parse(text);
        if (!list.errors().isEmpty()) {
            err.println(in + " has invalid lines:");
            list.errors().forEach(line -> err.println("  " + line));
            return 2;
        }
        if (password == null || password.isBlank()) {
            err.println("set SIMPUL_API_PASSWORD to the password of " + user + " (an operator or admin account)");
            return 2;
        }
        String base = hub.endsWith("/") ? hub.substring(0, hub.length() - 1) : hub;
        URI uri = URI.create(base + "/api/v1/backfills" + (rate == null ? "" : "?rate=" + rate));
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofMinutes(2))
                .header("Content-Type", "text/plain; charset=utf-8")
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        (user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(String.join("\n", list.nibs())))
                .build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                err.println("hub refused the backfill (HTTP " + response.statusCode() + "): " + response.body());
                return 1;
            }
            out.println("backfill of " + list.nibs().size() + " NIB(s) accepted: " + response.body());
            response.headers().firstValue("Location")
                    .ifPresent(location -> out.println("progress: GET " + base + location));
            return 0;
        } catch (IOException e) {
            err.println("cannot reach the hub at " + base + ": " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private static int usage(PrintStream err, String problem) {
        err.println(problem);
        err.println("usage: java -jar simpul.jar " + NAME + " --in nibs.txt [--rate 5] [--hub http://localhost:8080] [--user admin]"
                + " (password in SIMPUL_API_PASSWORD)");
        return 2;
    }
}
