package id.simpul.g2g.agency;

import java.time.Instant;
import java.util.List;

/**
 * One system of an agency with its credential: an API key (stored as SHA-256 only; {@code keyHint}
 * is its first characters, for people) or a TLS client certificate subject.
 *
 * @param scopes null = all of the agency's scopes; otherwise narrowed to these
 */
public record AgencyClient(String id, String agencyId, String systemName, String keyHint, String certSubject,
                           List<String> scopes, boolean enabled, Instant createdAt, Instant revokedAt) {
}
