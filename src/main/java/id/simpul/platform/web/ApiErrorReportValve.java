package id.simpul.platform.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * What Tomcat refuses before Spring sees the request (a path whose percent-encoded bytes are not UTF-8 or
 * hold a NUL: {@code /api/v1/agencies/%C3%28}) was its own HTML page, on the staff API and G2G too, whose
 * callers read JSON. For {@code /api/} and {@code /g2g/} paths it is now the APIs' error shape,
 * {@code {"error": …}}; other paths keep Tomcat's page, without report or server version (as Boot sets it).
 */
public class ApiErrorReportValve extends ErrorReportValve {

    public ApiErrorReportValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        String uri = request.getCoyoteRequest().requestURI().toString();
        if (!uri.startsWith("/api/") && !uri.startsWith("/g2g/")) {
            super.report(request, response, throwable);
            return;
        }
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        String message = status == 400 ? "the request could not be read: its path or parameters are not valid"
                + " percent-encoded UTF-8 text" : "request refused (HTTP " + status + ")";
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write("{\"error\":\"" + message + "\"}");
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the response was taken over: nothing more to write.
        }
    }

    /** Puts this valve in place of the host's ErrorReportValve (Boot's, added before this customizer runs). */
    @Component
    static class Installer implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

        @Override
        public void customize(ConfigurableTomcatWebServerFactory factory) {
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
