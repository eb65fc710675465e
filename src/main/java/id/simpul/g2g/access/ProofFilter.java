package id.simpul.g2g.access;

import id.simpul.g2g.proof.DetachedJws;
import id.simpul.platform.audit.AuditLog;
import id.simpul.platform.metrics.FlowMetrics;
import id.simpul.platform.security.PersonalText;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Wraps every {@code /g2g} request, outside Spring Security so that refusals are covered too:
 * gives it a request id, buffers the response, writes one audit row (who, what, which records,
 * which fields unmasked, the SHA-256 of the body), then signs the exact body bytes with the hub's
 * key (detached JWS in {@code X-Simpul-Signature}) before anything reaches the client. If the
 * access cannot be audited, the agency gets 503 instead of the data (fail closed).
 */
final class ProofFilter extends OncePerRequestFilter {

    static final String REQUEST_ID = "X-Request-Id";
    static final String SIGNATURE = "X-Simpul-Signature";
    /** Requests to the exchange are small (a decision, a subscription). */
    static final long MAX_BODY = 64 * 1024;

    private static final Logger log = LoggerFactory.getLogger(ProofFilter.class);

    private final DetachedJws jws;
    private final AuditLog audit;
    private final Clock clock;
    private final FlowMetrics metrics;

    ProofFilter(DetachedJws jws, AuditLog audit, Clock clock, FlowMetrics metrics) {
        this.jws = jws;
        this.audit = audit;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String query = request.getQueryString();
        String target = request.getRequestURI() + (query == null ? "" : "?" + query);
        G2gAccess access = new G2gAccess(UUID.randomUUID().toString(), request.getMethod(), target, clock.instant());
        request.setAttribute(G2gAccess.ATTRIBUTE, access);
        JsonErrorResponse wrapped = new JsonErrorResponse(request, response);
        try {
            if (request.getContentLengthLong() > MAX_BODY) {
                G2gResponses.write(request, wrapped, 413, "request body larger than " + MAX_BODY + " bytes");
            } else {
                chain.doFilter(new LimitedBody(request), wrapped);
            }
        } catch (IOException | ServletException | RuntimeException e) {
            log.error("G2G request {} {} failed (request id {})", request.getMethod(), target, access.requestId(), e);
            wrapped.resetBuffer();
            G2gResponses.write(request, wrapped, 500, "internal error; quote the request id to the hub's operators");
        }
        try {
            record(access, wrapped.getStatus(), wrapped.getContentAsByteArray(), request.getRemoteAddr());
        } catch (RuntimeException e) {
            log.error("G2G access could not be audited (request id {}); withholding the answer", access.requestId(), e);
            wrapped.resetBuffer();
            G2gResponses.write(request, wrapped, 503, "the access could not be recorded, so its answer is withheld; if it was a change, check its state before repeating it");
        }
        byte[] body = wrapped.getContentAsByteArray();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("rid", access.requestId());
        claims.put("iat", access.at().getEpochSecond());
        claims.put("htm", access.method());
        claims.put("htu", target);
        claims.put("sts", wrapped.getStatus());
        wrapped.setHeader(REQUEST_ID, access.requestId());
        wrapped.setHeader(SIGNATURE, jws.sign(body, claims));
        wrapped.copyBodyToResponse();
    }

    /**
     * One audit row per G2G request; anonymous reads of the public documents are not records access.
     * Nor are calls without a valid credential that their address's rate limit turned away: they
     * read nothing, and a row each would let anyone grow the chain (and hold its lock) at will. They
     * are counted instead; the refusals that used up the limit are in the chain.
     */
    private void record(G2gAccess access, int status, byte[] body, String remoteAddress) {
        AgencyPrincipal agency = access.agency();
        if (agency == null && access.publicCall() && status < 400) {
            return;
        }
        if (agency == null && status == 429) {
            metrics.outcome("g2g-unauthenticated", "rate-limited");
            return;
        }
        String action = access.action() != null ? access.action() : status >= 400 ? "REFUSED" : "REQUEST";
        StringBuilder details = new StringBuilder()
                // Kept for good and read by auditors: a NIK or phone an agency (or anyone refused) put in the URL is
                // masked as in any view. The signature still names the address as it was sent.
                .append(access.method()).append(' ').append(PersonalText.mask(access.target()))
                .append(" -> ").append(status)
                .append("; request ").append(access.requestId())
                .append("; client ").append(agency == null ? "none (from " + remoteAddress + ")" : agency.clientId())
                .append("; records ").append(access.records().isEmpty() ? "none" : String.join(", ", access.records()))
                .append("; fields unmasked: ")
                .append(access.unmaskedFields().isEmpty() ? "none" : String.join(", ", access.unmaskedFields()))
                .append("; response sha256 ").append(sha256(body));
        audit.append(new AuditLog.Event(agency == null ? "anonymous" : agency.actor(), "G2G_" + action,
                access.subjectType(), access.subjectId(), access.dataSubject(), details.toString(), null, null));
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A body sent without Content-Length (chunked) is cut off at {@link #MAX_BODY}: reading on fails. */
    private static final class LimitedBody extends HttpServletRequestWrapper {

        LimitedBody(HttpServletRequest request) {
            super(request);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            ServletInputStream in = super.getInputStream();
            return new ServletInputStream() {
                private long read;

                @Override
                public int read() throws IOException {
                    int b = in.read();
                    if (b >= 0 && ++read > MAX_BODY) {
                        throw new IOException("request body larger than " + MAX_BODY + " bytes");
                    }
                    return b;
                }

                @Override
                public boolean isFinished() {
                    return in.isFinished();
                }

                @Override
                public boolean isReady() {
                    return in.isReady();
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    in.setReadListener(listener);
                }
            };
        }
    }

    /** Buffers the body for signing and turns container errors ({@code sendError}) into the G2G JSON shape. */
    private static final class JsonErrorResponse extends ContentCachingResponseWrapper {

        private final HttpServletRequest request;

        JsonErrorResponse(HttpServletRequest request, HttpServletResponse response) {
            super(response);
            this.request = request;
        }

        @Override
        public void sendError(int status) throws IOException {
            HttpStatus known = HttpStatus.resolve(status);
            sendError(status, known == null ? "error " + status : known.getReasonPhrase().toLowerCase());
        }

        @Override
        public void sendError(int status, String message) throws IOException {
            resetBuffer();
            G2gResponses.write(request, this, status, message == null ? "error " + status : message);
        }
    }
}
