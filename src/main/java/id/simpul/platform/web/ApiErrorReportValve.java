package id.simpul.platform.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * What Tomcat refuses before Spring sees the request (a path whose percent-encoded bytes are not UTF-8 or
 * hold a NUL: {@code /api/v1/agencies/%C3%28}) was its own HTML page, on the staff API and G2G too, whose
 * callers read JSON. For {@code /api/} and {@code /g2g/} paths it is now the APIs' error shape,
 * {@code {"error": …}}; for {@code /oss/} the PIA's shape; other paths keep Tomcat's page, without report or server
 * version (as Boot sets it). A request line or headers over Tomcat's limit ({@code server.max-http-request-header-size})
 * come here too, before any filter: with the request line unread the path is unknown, and the answer is the APIs'.
 */
public class ApiErrorReportValve extends ErrorReportValve {

    public ApiErrorReportValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        // Null when Tomcat could not read the request line (longer than its limit): the path is then unknown.
        String uri = request.getCoyoteRequest().requestURI().toString();
        boolean oss = uri != null && uri.startsWith("/oss/");
        if (uri != null && !oss && !uri.startsWith("/api/") && !uri.startsWith("/g2g/")) {
            super.report(request, response, throwable);
            return;
        }
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        // Tomcat passes what its HTTP parser threw (a request line or header over the limit, a character HTTP does
        // not allow there); a path it cannot decode comes without one.
        boolean unreadable = throwable != null;
        String body;
        if (oss) {
            String operation = uri.substring("/oss/".length());
            String keterangan = status != 400 ? "Permintaan ditolak (HTTP " + status + ")"
                    : unreadable ? "Baris permintaan atau header tidak dapat dibaca: lebih dari " + headerLimit(request)
                    + " byte, atau bukan HTTP yang valid"
                    : "Alamat tidak valid: bagian yang di-percent-encode bukan teks UTF-8";
            body = "{\"respon" + (operation.matches("[A-Za-z]{1,40}") ? operation : "")
                    + "\":{\"status\":\"2\",\"keterangan\":\"" + keterangan + "\"}}";
        } else {
            String message = status != 400 ? "request refused (HTTP " + status + ")"
                    : unreadable ? "the request line or headers could not be read: longer than the server's limit of "
                    + headerLimit(request) + " bytes, or not valid HTTP"
                    : "the request could not be read: its path or parameters are not valid percent-encoded UTF-8 text";
            body = "{\"error\":\"" + message + "\"}";
        }
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the response was taken over: nothing more to write.
        }
    }

    /** {@code server.max-http-request-header-size}: the request line and headers together, in bytes. */
    private static int headerLimit(Request request) {
        return request.getConnector() != null
                && request.getConnector().getProtocolHandler() instanceof AbstractHttp11Protocol<?> http
                ? http.getMaxHttpRequestHeaderSize() : 8192;
    }

    /** Puts this valve in place of the host's ErrorReportValve (Boot's, added before this customizer runs). */
    @Component
    static class Installer implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

        @Override
        public void customize(ConfigurableTomcatWebServerFactory factory) {
            // An encoded slash (%2F: what a client that escapes a local number's '/' sends, docs/local-permits.md)
            // goes on, still encoded, to Spring Security's firewall, which refuses it as Tomcat did, but through
            // the hub's error handling: the console's 400 page, the APIs' JSON, not Tomcat's own page.
            factory.addConnectorCustomizers(connector -> connector.setEncodedSolidusHandling(
                    EncodedSolidusHandling.PASS_THROUGH.getValue()));
            factory.addContextCustomizers(context -> {
                var pipeline = context.getParent().getPipeline();
                for (Valve valve : pipeline.getValves()) {
                    if (valve instanceof ErrorReportValve) {
                        pipeline.removeValve(valve);
                    }
                }
                pipeline.addValve(new ApiErrorReportValve());
                // Else the host, starting, finds no valve of its configured class and adds Tomcat's default one.
                if (context.getParent() instanceof StandardHost host) {
                    host.setErrorReportValveClass(ApiErrorReportValve.class.getName());
                }
            });
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
