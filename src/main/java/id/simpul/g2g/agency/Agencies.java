package id.simpul.g2g.agency;

import id.simpul.g2g.Scopes;
import id.simpul.g2g.Words;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The registered agencies and their clients (systems with credentials). */
@Component
public class Agencies {

    private final JdbcClient jdbc;
    private final Clock clock;

    public Agencies(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A client found by its credential, with the agency behind it; both enabled. */
    public record Member(Agency agency, AgencyClient client) {
        /** The client's effective scopes: the agency's, narrowed by the client's own when it has them. */
        public List<String> scopes() {
            return client.scopes() == null ? agency.scopes()
                    : agency.scopes().stream().filter(client.scopes()::contains).toList();
        }
    }

    public void create(String id, String name, List<String> scopes, List<String> regions, Integer rateLimit,
                       Integer ratePeriodSeconds) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                INSERT INTO g2g_agency (id, name, scopes, region_prefixes, rate_limit, rate_period_seconds, enabled,
                                        created_at, updated_at)
                VALUES (:id, :name, :scopes, :regions, :limit, :period, TRUE, :now, :now)""")
                .param("id", id).param("name", name).param("scopes", Words.join(scopes))
                .param("regions", Words.join(regions)).param("limit", rateLimit)
                .param("period", ratePeriodSeconds).param("now", now).update();
    }

    public void update(Agency agency) {
        jdbc.sql("""
                UPDATE g2g_agency SET name = :name, scopes = :scopes, region_prefixes = :regions, rate_limit = :limit,
                       rate_period_seconds = :period, enabled = :enabled, updated_at = :now WHERE id = :id""")
                .param("id", agency.id()).param("name", agency.name()).param("scopes", Words.join(agency.scopes()))
                .param("regions", Words.join(agency.regionPrefixes())).param("limit", agency.rateLimit())
                .param("period", agency.ratePeriodSeconds()).param("enabled", agency.enabled())
                .param("now", Timestamp.from(clock.instant())).update();
    }

    public Optional<Agency> find(String id) {
        return jdbc.sql("SELECT * FROM g2g_agency WHERE id = :id").param("id", id).query(Agencies::agency).optional();
    }

    public List<Agency> all() {
        return jdbc.sql("SELECT * FROM g2g_agency ORDER BY id").query(Agencies::agency).list();
    }

    /** Adds a client; {@code keyHash} and {@code certSubject} may each be null, not both. */
    public void addClient(String id, String agencyId, String systemName, String keyHash, String keyHint,
                          String certSubject, List<String> scopes) {
        jdbc.sql("""
                INSERT INTO g2g_client (id, agency_id, system_name, key_hash, key_hint, cert_subject, scopes, enabled,
                                        created_at)
                VALUES (:id, :agency, :system, :hash, :hint, :cert, :scopes, TRUE, :now)""")
                .param("id", id).param("agency", agencyId).param("system", systemName).param("hash", keyHash)
                .param("hint", keyHint).param("cert", certSubject)
                .param("scopes", scopes == null ? null : Words.join(scopes))
                .param("now", Timestamp.from(clock.instant())).update();
    }

    public List<AgencyClient> clients(String agencyId) {
        return jdbc.sql("SELECT * FROM g2g_client WHERE agency_id = :a ORDER BY id").param("a", agencyId)
                .query(Agencies::client).list();
    }

    public boolean revokeClient(String agencyId, String clientId) {
        return jdbc.sql("""
                UPDATE g2g_client SET enabled = FALSE, revoked_at = :now
                 WHERE id = :id AND agency_id = :agency AND enabled = TRUE""")
                .param("now", Timestamp.from(clock.instant())).param("id", clientId).param("agency", agencyId)
                .update() == 1;
    }

    /** The enabled client holding this API key, with its enabled agency. */
    public Optional<Member> byApiKey(String key) {
        String hash = ApiKeys.hash(key);
        return jdbc.sql("SELECT * FROM g2g_client WHERE key_hash = :h").param("h", hash).query(Agencies::clientRow)
                .optional()
                .filter(row -> ApiKeys.sameHash(row.keyHash(), hash))
                .flatMap(row -> member(row.client()));
    }

    /** The enabled client registered for this certificate subject (RFC 2253), with its enabled agency. */
    public Optional<Member> byCertificateSubject(String subject) {
        return jdbc.sql("SELECT * FROM g2g_client WHERE cert_subject = :s").param("s", subject)
                .query(Agencies::client).optional().flatMap(this::member);
    }

    /** The enabled client with this id, with its enabled agency (e.g. the owner of a subscription). */
    public Optional<Member> byClientId(String clientId) {
        return jdbc.sql("SELECT * FROM g2g_client WHERE id = :id").param("id", clientId).query(Agencies::client)
                .optional().flatMap(this::member);
    }

    private Optional<Member> member(AgencyClient client) {
        if (!client.enabled()) {
            return Optional.empty();
        }
        return find(client.agencyId()).filter(Agency::enabled).map(a -> new Member(a, client));
    }

    /** Each is a scope the hub knows; a null in the list ({@code "scopes": [null]}) is not one. */
    public static boolean knownScopes(List<String> scopes) {
        return scopes.stream().allMatch(s -> s != null && Scopes.ALL.contains(s));
    }

    private record ClientRow(AgencyClient client, String keyHash) {
    }

    private static ClientRow clientRow(ResultSet rs, int n) throws SQLException {
        return new ClientRow(client(rs, n), rs.getString("key_hash"));
    }

    private static Agency agency(ResultSet rs, int n) throws SQLException {
        return new Agency(rs.getString("id"), rs.getString("name"), Words.split(rs.getString("scopes")),
                Words.split(rs.getString("region_prefixes")), rs.getObject("rate_limit", Integer.class),
                rs.getObject("rate_period_seconds", Integer.class), rs.getBoolean("enabled"),
                instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    private static AgencyClient client(ResultSet rs, int n) throws SQLException {
        String scopes = rs.getString("scopes");
        return new AgencyClient(rs.getString("id"), rs.getString("agency_id"), rs.getString("system_name"),
                rs.getString("key_hint"), rs.getString("cert_subject"), scopes == null ? null : Words.split(scopes),
                rs.getBoolean("enabled"), instant(rs, "created_at"), instant(rs, "revoked_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
