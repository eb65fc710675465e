package id.simpul.delivery;

import id.simpul.platform.connector.FailureClassifier;
import id.simpul.platform.failure.FailureKind;
import id.simpul.platform.failure.PermanentFailureException;
import id.simpul.platform.failure.SyncFailureException;
import id.simpul.platform.failure.TransientFailureException;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Component;

/**
 * HTTP for the connectors: one client per remote system, a deadline for the whole exchange (a reply
 * that drips in slowly times out like one that never comes), and failures classified once:
 * I/O errors and timeouts are transient, HTTP statuses follow {@link FailureClassifier}.
 */
@Component
public class TargetHttp {

    private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();

    /** Sends a request and returns the reply whatever its status; throws only when no reply came. */
    public HttpResponse<String> send(String system, Duration connectTimeout, Duration readTimeout, HttpRequest request) {
        HttpClient client = clients.computeIfAbsent(system, s -> HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .version(HttpClient.Version.HTTP_1_1)
                .build());
        CompletableFuture<HttpResponse<String>> reply = client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        try {
            return reply.get(readTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            reply.cancel(true);
            throw new TransientFailureException(system + " did not answer within " + readTimeout, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof IOException) {
                throw new TransientFailureException(system + " unreachable: " + cause, cause);
            }
            throw new TransientFailureException(system + " call failed: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reply.cancel(true);
            throw new TransientFailureException(system + " call interrupted", e);
        }
    }

    /** The failure for a non-2xx reply, with the remote system's own message. */
    public static SyncFailureException failure(String system, int status, String message) {
        String text = system + " answered HTTP " + status + ": " + abbreviate(message);
        return FailureClassifier.ofStatus(status) == FailureKind.PERMANENT
                ? new PermanentFailureException(text)
                : new TransientFailureException(text);
    }

    public static boolean ok(int status) {
        return status >= 200 && status < 300;
    }

    public static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        String oneLine = s.replaceAll("\\s+", " ").strip();
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine;
    }
}
