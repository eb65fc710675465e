package id.simpul.g2g.events;

import id.simpul.g2g.G2gProperties;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.HttpRequestRetryStrategy;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The POST of a webhook, made only to an address the SSRF guard accepted. The JDK's client looks the name up
 * again when it connects, apart from any check, so a name whose DNS answers a public address to the check and
 * 127.0.0.1 to the connection (DNS rebinding) would carry the POST into the hub's own host or the office
 * network. Here the connection's own lookup is the check: the client resolves names only through
 * {@link WebhookAddresses#accepted}, and connects to what it returned. TLS is unchanged: the certificate is
 * verified against the URL's host name (SNI and the JDK's endpoint identification), never the address.
 *
 * <p>No proxy (one would look the name up itself), no redirects, no cookies, no content coding. Retries are the
 * dispatcher's, but for one: a receiver (or a proxy before it) closes kept-alive connections when it likes, so a
 * pooled connection is checked before each reuse (a read of at most 1 ms) and one closed while the POST crossed
 * it, answered by nothing ({@link NoHttpResponseException}), is sent once more at once on a new connection.
 * Deliveries are at least once, deduplicated on the event id, so the second POST is safe. {@code timeout} bounds the connect, the TLS handshake, each read
 * and the whole exchange: a receiver that drips its answer a byte at a time must not hold a delivery thread.
 */
@Component
public class WebhookHttp implements DisposableBean {

    /** The receiver's status and {@code Retry-After}, if it sent one. */
    public record Answer(int status, String retryAfter) {
    }

    private final CloseableHttpClient http;
    private final Duration timeout;
    private final ScheduledThreadPoolExecutor deadlines = deadlines();

    @Autowired
    public WebhookHttp(G2gProperties properties, WebhookAddresses addresses) throws NoSuchAlgorithmException {
        this(properties.webhooks(), addresses, SSLContext.getDefault());
    }

    WebhookHttp(G2gProperties.Webhooks settings, WebhookAddresses addresses, SSLContext tls) {
        this.timeout = settings.timeout();
        Timeout each = Timeout.of(timeout);
        int connections = Math.max(1, settings.threads());
        DnsResolver checked = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                return addresses.accepted(host);
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host; // asked only for Kerberos, which webhooks do not use
            }
        };
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(checked)
                        .setTlsSocketStrategy(ClientTlsStrategyBuilder.create().setSslContext(tls)
                                .setHostVerificationPolicy(HostnameVerificationPolicy.BUILTIN).buildClassic())
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(each)
                                .setSocketTimeout(each).setValidateAfterInactivity(TimeValue.ZERO_MILLISECONDS)
                                .build())
                        .setDefaultTlsConfig(TlsConfig.custom().setHandshakeTimeout(each).build())
                        .setMaxConnTotal(connections).setMaxConnPerRoute(connections)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setConnectionRequestTimeout(each)
                        .setResponseTimeout(each).build())
                .disableRedirectHandling()
                .setRetryStrategy(new OnceOnNoAnswer())
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .evictIdleConnections(TimeValue.ofMinutes(1))
                .build();
    }

    /** Once more, at once, when the receiver hung up without an answer; never on an answer or other faults. */
    private static final class OnceOnNoAnswer implements HttpRequestRetryStrategy {

        @Override
        public boolean retryRequest(HttpRequest request, IOException exception, int execCount, HttpContext context) {
            return execCount == 1 && exception instanceof NoHttpResponseException;
        }

        @Override
        public boolean retryRequest(HttpResponse response, int execCount, HttpContext context) {
            return false;
        }

        @Override
        public TimeValue getRetryInterval(HttpResponse response, int execCount, HttpContext context) {
            return TimeValue.ZERO_MILLISECONDS;
        }
    }

    private static ScheduledThreadPoolExecutor deadlines() {
        ScheduledThreadPoolExecutor deadlines = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "g2g-webhook-deadline");
            t.setDaemon(true);
            return t;
        });
        // A POST answered in time cancels its deadline: drop it from the queue then, not at the end of the timeout,
        // which kept every request (and its body) sent in the last timeout reachable.
        deadlines.setRemoveOnCancelPolicy(true);
        return deadlines;
    }

    /**
     * POSTs {@code body} with {@code headers} to {@code url}; the body of the answer is read and dropped.
     *
     * @throws WebhookAddresses.Refused when the URL's host resolves to an address the hub may not reach
     * @throws HttpTimeoutException when the whole exchange took longer than {@code timeout}
     */
    public Answer post(URI url, Map<String, String> headers, byte[] body) throws IOException {
        HttpPost post = new HttpPost(url);
        headers.forEach(post::setHeader);
        post.setEntity(new ByteArrayEntity(body, null));
        ScheduledFuture<?> deadline = deadlines.schedule(post::cancel, timeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
            return http.execute(post, response -> {
                Header retryAfter = response.getFirstHeader("Retry-After");
                return new Answer(response.getCode(), retryAfter == null ? null : retryAfter.getValue());
            });
        } catch (IOException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof WebhookAddresses.Refused refused) {
                    throw refused;
                }
            }
            if (post.isCancelled()) {
                throw new HttpTimeoutException("request timed out after " + timeout);
            }
            throw e;
        } finally {
            deadline.cancel(false);
        }
    }

    /** Deadlines still queued (for tests). */
    int deadlinesPending() {
        return deadlines.getQueue().size();
    }

    @Override
    public void destroy() throws IOException {
        deadlines.shutdownNow();
        http.close();
    }
}
