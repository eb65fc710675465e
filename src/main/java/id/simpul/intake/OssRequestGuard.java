package id.simpul.intake;

import id.simpul.platform.SimpulProperties;
import id.simpul.platform.metrics.FlowMetrics;
import id.simpul.platform.security.PersonalData;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards the OSS-facing endpoints before any body is parsed: the optional IP allowlist
 * ({@code simpul.oss.inbound.ip-allowlist}), the method (POST only, 405) and the body size limit
 * ({@code simpul.oss.inbound.max-body-bytes}, 413). The body is read here once, bounded, so a huge
 * or endless body never reaches the parser, and is passed on as JSON whatever type the sender declared (see
 * {@link CachedBody}). Replies keep the PIA shape.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class OssRequestGuard extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(OssRequestGuard.class);
    /** Beyond the limit we keep reading (and discarding) this much, so the client can read our 413. */
    private static final long DRAIN_BYTES = 64L * 1024 * 1024;

    private final long maxBytes;
    private final List<String> allowlist;
    private final FlowMetrics metrics;

    public OssRequestGuard(SimpulProperties properties, FlowMetrics metrics) {
        this.maxBytes = properties.oss().inbound().maxBodyBytes();
        this.allowlist = properties.oss().inbound().ipAllowlist() == null ? List.of()
                : properties.oss().inbound().ipAllowlist();
        this.metrics = metrics;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/oss/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // Only logged and answered here: a caller's address can hold anything, a NIK too.
        String operation = PersonalData.maskText(request.getRequestURI().substring("/oss/".length()));
        if (!allowlist.isEmpty() && !allowlist.contains(request.getRemoteAddr())) {
            log.warn("OSS {} from {} refused: address not in simpul.oss.inbound.ip-allowlist", operation,
                    request.getRemoteAddr());
            metrics.outcome(OssInbound.flowOf(operation), "forbidden");
            refuse(response, operation, 403, "Alamat IP tidak diizinkan");
            return;
        }
        // An encoded slash reaches here too (Tomcat passes it on for the firewall, ApiErrorReportValve): a slash.
        int slash = slash(operation);
        if (operation.isEmpty() || slash >= 0) {
            // The route takes /oss/<operation> only; anything else would get Spring's own 404 body, not the PIA's.
            metrics.outcome(OssInbound.flowOf(null), "rejected");
            String uri = PersonalData.maskText(request.getRequestURI());
            log.warn("OSS push refused: {} names no operation (/oss/<operation>)",
                    uri.length() > 200 ? uri.substring(0, 200) + "…" : uri);
            refuse(response, slash < 0 ? operation : operation.substring(0, slash), 404,
                    "Layanan tidak dikenal: alamatnya /oss/<operasi>, tanpa bagian setelahnya");
            return;
        }
        if (!"POST".equals(request.getMethod())) {
            // Camel's own 405 would have no body; OSS and its operators read the PIA shape.
            metrics.outcome(OssInbound.flowOf(operation), "method_not_allowed");
            log.warn("OSS {} refused: {} instead of POST", operation, request.getMethod());
            response.setHeader("Allow", "POST");
            refuse(response, operation, 405, "Metode tidak diizinkan, gunakan POST");
            return;
        }
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            drain(request.getInputStream(), Math.min(declared, DRAIN_BYTES));
            tooLarge(response, operation);
            return;
        }
        byte[] body = readBounded(request.getInputStream());
        if (body == null) {
            tooLarge(response, operation);
            return;
        }
        chain.doFilter(new CachedBody(request, body), response);
    }

    private static int slash(String operation) {
        int encoded = operation.toUpperCase(java.util.Locale.ROOT).indexOf("%2F");
        int plain = operation.indexOf('/');
        return encoded < 0 ? plain : plain < 0 ? encoded : Math.min(plain, encoded);
    }

    private void tooLarge(HttpServletResponse response, String operation) throws IOException {
        metrics.outcome(OssInbound.flowOf(operation), "too_large");
        log.warn("OSS {} refused: body larger than {} bytes", operation, maxBytes);
        response.setHeader("Connection", "close");
        refuse(response, operation, 413, "Body melebihi batas " + maxBytes + " byte");
    }

    /** @return the body, or null when it exceeds the limit */
    private byte[] readBounded(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        byte[] buffer = new byte[8192];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) >= 0) {
            total += n;
            if (total > maxBytes) {
                drain(in, DRAIN_BYTES);
                return null;
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static void drain(InputStream in, long limit) throws IOException {
        byte[] buffer = new byte[65536];
        long total = 0;
        int n;
        while (total < limit && (n = in.read(buffer)) >= 0) {
            total += n;
        }
    }

    private static void refuse(HttpServletResponse response, String operation, int status, String keterangan)
            throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        String body = "{\"respon" + safe(operation) + "\":{\"status\":\"2\",\"keterangan\":\"" + keterangan + "\"}}";
        response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }

    private static String safe(String operation) {
        return operation.matches("[A-Za-z]{1,40}") ? operation : "";
    }

    /**
     * The request with its body already read, served from memory and declared as what the hub reads it as:
     * JSON in UTF-8, whatever the sender declared. The PIA sends {@code application/json}; a body declared as a
     * form would go to Camel's form parser before the route, which answers an HTML 500 and logs the whole body
     * (NIKs, phone numbers) at WARN.
     */
    private static final class CachedBody extends HttpServletRequestWrapper {
        private static final String JSON = "application/json;charset=UTF-8";

        private final byte[] body;

        CachedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("synchronous reads only");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public String getContentType() {
            return JSON;
        }

        @Override
        public String getCharacterEncoding() {
            return "UTF-8";
        }

        @Override
        public String getHeader(String name) {
            return HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name) ? JSON : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name) ? Collections.enumeration(List.of(JSON))
                    : super.getHeaders(name);
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
