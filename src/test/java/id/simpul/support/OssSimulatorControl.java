package id.simpul.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Drives the OSS simulator's control endpoints ({@code /__simulator/...}) over HTTP, as an operator would. */
public final class OssSimulatorControl {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    public OssSimulatorControl(int port) {
        this.baseUrl = "http://127.0.0.1:" + port + "/__simulator/";
    }

    /** Switches a fault on, e.g. {@code {"type":"kode","operation":"inqueryNIB","kode":403}}. */
    public void fault(String json) {
        expect(201, send("POST", "faults", json));
    }

    public void clearFaults() {
        expect(200, send("DELETE", "faults", null));
    }

    public void quirks(boolean kodeAsString, boolean alternateRoots) {
        expect(200, send("POST", "quirks",
                "{\"kodeAsString\":" + kodeAsString + ",\"alternateRoots\":" + alternateRoots + "}"));
    }

    /** Makes the simulator know a NIB as if it had pushed it: {@code {"dataNIB":{...}}}. */
    public void remember(String receiveNibBody) {
        expect(201, send("POST", "nib", receiveNibBody));
    }

    /** Changes a NIB in the simulator (new tgl_perubahan_nib, another address); returns the reply body. */
    public String change(String nib) {
        return expect(200, send("POST", "nib/" + nib + "/change", null));
    }

    /** Clears faults, quirks and everything the simulator knows. */
    public void reset() {
        expect(200, send("POST", "reset", null));
    }

    public String state() {
        return expect(200, send("GET", "state", null));
    }

    private HttpResponse<String> send(String method, String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return OssSender.exchange(http, request);
    }

    private static String expect(int status, HttpResponse<String> response) {
        if (response.statusCode() != status) {
            throw new IllegalStateException("simulator answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}
