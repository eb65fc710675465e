package id.simpul.platform;

import id.simpul.platform.audit.AuditKey;
import id.simpul.platform.backup.BackupKey;
import id.simpul.platform.json.Json;
import id.simpul.platform.security.KeyFiles;
import id.simpul.platform.security.SecurityProperties;
import id.simpul.platform.security.UserAccounts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * A hub on the {@code production} profile does not start while a secret is missing, still one of the
 * simulators' defaults in {@code application.yaml}, or a {@code change-me} placeholder of
 * {@code docker/.env.example}. Those values are public: with them anyone can compute the PIA token OSS
 * pushes with, and the hub would send the simulator keys to OSS and to the regions. The embedded
 * default (no profile) keeps them, so {@code java -jar} works out of the box.
 * <p>
 * The check runs when the application is prepared, before the context is refreshed: nothing connects to the
 * broker or migrates the database of a hub that is going to be refused, and the refusal is reported once, by
 * {@link ProductionSecretsFailureAnalyzer}, as one message naming the variables, without a stack trace. (Thrown
 * from a bean factory post-processor, as it was, the context's refresh also logged it, all problems on one line,
 * in a WARN before the report.) Not earlier, when the environment is prepared: settings that initializers add
 * (tests' dynamic properties) are not there yet. Registered in {@code META-INF/spring.factories}.
 * <p>
 * The same goes for the {@link #KEYS} that protect what the hub keeps (NIKs, the audit chain, backups, the
 * G2G keys): the embedded default generates each into {@code <data-dir>/keys/}, but on this profile a key
 * beside the data it protects is no protection, and a restore without that folder would silently start a
 * new key (an audit chain that no longer verifies, NIK hashes that no longer match). So each comes from the
 * environment; a data folder that still holds a key an earlier build generated is refused too, with how
 * to move that key into the environment (never the key itself).
 */
public class ProductionSecrets implements ApplicationListener<ApplicationPreparedEvent> {

    /** The secrets {@code application.yaml} falls back to for the simulators. */
    public static final Set<String> SIMULATOR_DEFAULTS = Set.of("simulator", "simulator-secret", "simulator-user-key",
            "simulator-token", "simulator-api-key");
    /** How the placeholders of {@code docker/.env.example} begin. */
    public static final String PLACEHOLDER = "change-me";

    /** The keys a production hub takes only from the environment, with the files the embedded default generates. */
    public static final List<Key> KEYS = List.of(
            new Key("SIMPUL_PII_KEY", null, "the applicant registry's NIK key", "pii.key", KeyFormat.BASE64_32),
            new Key("SIMPUL_SECURITY_SUBJECT_KEY", "simpul.security.subject-key", "the audit log's data-subject key",
                    "subject.key", KeyFormat.BASE64),
            new Key(AuditKey.ENV, null, "the audit chain's key", "audit.key", KeyFormat.BASE64_32),
            new Key(BackupKey.ENV, null, "the embedded store's backup key", "backup.key", KeyFormat.BASE64_32),
            new Key("SIMPUL_G2G_SECRET_KEY", "simpul.g2g.secret-key", "the G2G webhook secrets' key",
                    "g2g-secrets.key", KeyFormat.BASE64_32),
            new Key("SIMPUL_G2G_SIGNING_JWK", "simpul.g2g.signing.jwk", "the G2G signing key", "g2g-signing.jwk",
                    KeyFormat.JWK));

    private static final Logger log = LoggerFactory.getLogger(ProductionSecrets.class);

    @Override
    public void onApplicationEvent(ApplicationPreparedEvent event) {
        check(event.getApplicationContext().getEnvironment());
    }

    /** Refuses a hub on the {@code production} profile whose secrets or keys cannot be used; any other passes. */
    public static void check(Environment environment) {
        if (!environment.acceptsProfiles(Profiles.of("production"))) {
            return;
        }
        SimpulProperties properties = Binder.get(environment).bind("simpul", SimpulProperties.class)
                .orElseThrow(() -> new IllegalStateException("no simpul.* settings"));
        List<Problem> problems = new ArrayList<>(problems(properties));
        Binder.get(environment).bind("simpul.security", SecurityProperties.class)
                .ifBound(security -> adminPassword(problems, security.admin().password()));
        // The hub backs up only an embedded store (StoreBackups); PostgreSQL's backups are its own tools'.
        boolean embeddedStore = environment.getProperty("spring.datasource.url", "").startsWith("jdbc:h2:file:");
        problems.addAll(keys(name -> environment.getProperty(name), properties.dataDir(), embeddedStore));
        if (!problems.isEmpty()) {
            throw new Refused(problems);
        }
    }

    /**
     * One secret that cannot be used.
     *
     * @param property    the setting
     * @param environment where it comes from in production
     * @param reason      "is not set", "is the simulator's public default" or "is a placeholder"
     */
    public record Problem(String property, String environment, String reason) {
        @Override
        public String toString() {
            return environment + " (" + property + ") " + reason;
        }
    }

    /** What keeps a production hub from starting; empty when every secret is set and not a default. */
    public static List<Problem> problems(SimpulProperties properties) {
        List<Problem> problems = new ArrayList<>();
        SimpulProperties.Oss oss = properties.oss();
        check(problems, "simpul.oss.inbound.username", "SIMPUL_OSS_INBOUND_USERNAME",
                oss == null || oss.inbound() == null ? null : oss.inbound().username());
        check(problems, "simpul.oss.inbound.password", "SIMPUL_OSS_INBOUND_PASSWORD",
                oss == null || oss.inbound() == null ? null : oss.inbound().password());
        check(problems, "simpul.oss.outbound.user-key", "SIMPUL_OSS_OUTBOUND_USER_KEY",
                oss == null || oss.outbound() == null ? null : oss.outbound().userKey());
        List<SimpulProperties.Target> targets = properties.targets();
        for (int i = 0; i < targets.size(); i++) {
            SimpulProperties.Target target = targets.get(i);
            String flavour = target.flavour() == null ? "" : target.flavour();
            boolean token = flavour.equals("sicantik-cloud") || flavour.equals("splp");
            boolean apiKey = flavour.equals("sicantik-backoffice") || flavour.equals("splp");
            if (token || target.token() != null) {
                checkTarget(problems, i, target, "token", target.token(), token);
            }
            if (apiKey || target.apiKey() != null) {
                checkTarget(problems, i, target, "api-key", target.apiKey(), apiKey);
            }
            if (flavour.equals("splp")) {
                checkTarget(problems, i, target, "splp.salt", target.splp() == null ? null : target.splp().salt(), true);
            }
        }
        return List.copyOf(problems);
    }

    /**
     * A key that protects data the hub keeps.
     *
     * @param variable    the environment variable it comes from in production
     * @param property    the {@code simpul.*} setting {@code application.yaml} reads it into, or null when the
     *                    hub reads the variable itself
     * @param what        what the key is, for the refusal
     * @param file        the file under {@code <data-dir>/keys/} the embedded default generates it into
     * @param format      what the variable holds (the file holds the same text)
     */
    public record Key(String variable, String property, String what, String file, KeyFormat format) {
    }

    /** What a key's variable holds: its generated file holds the very same text. */
    public enum KeyFormat {
        /** Base64 of 32 random bytes ({@code openssl rand -base64 32}). */
        BASE64_32,
        /** Base64 of random bytes (the data-subject key; 32 when generated). */
        BASE64,
        /** A private EC P-256 key as a JWK (JSON). */
        JWK
    }

    /**
     * What keeps a production hub from starting for want of its keys: each unset, a placeholder, not in the form
     * its loader takes, or still (also) a generated file in {@code dataDir}. {@code variables} reads a variable
     * or a setting ({@link Key#property}) as the hub would; the backup key counts only for an embedded store.
     */
    public static List<Problem> keys(UnaryOperator<String> variables, Path dataDir, boolean embeddedStore) {
        return keys(variables, dataDir, key -> embeddedStore || !key.variable().equals(BackupKey.ENV));
    }

    /** As {@link #keys(UnaryOperator, Path, boolean)}, for the keys {@code which} names (an offline command's). */
    public static List<Problem> keys(UnaryOperator<String> variables, Path dataDir, Predicate<Key> which) {
        List<Problem> problems = new ArrayList<>();
        for (Key key : KEYS) {
            if (!which.test(key)) {
                continue;
            }
            String value = variables.apply(key.property() == null ? key.variable() : key.property());
            Path file = dataDir.resolve("keys").resolve(key.file()).toAbsolutePath().normalize();
            String property = key.property() == null ? key.what() : key.property() + ", " + key.what();
            int before = problems.size();
            if ((value == null || value.isBlank()) && Files.exists(file)) {
                problems.add(new Problem(property, key.variable(), "is not set; this data folder holds a key an earlier"
                        + " build generated in " + file + ": set " + key.variable() + " to that file's content, which is"
                        + " already the form the variable takes (" + key.variable() + "=\"$(cat " + file + ")\"), then"
                        + " keep the file in the secret store, not in the data folder (docs/operations.md, \"Keys\")"));
                continue;
            }
            check(problems, property, key.variable(), value);
            if (problems.size() == before && !readable(key.format(), value.strip())) {
                problems.add(new Problem(property, key.variable(), switch (key.format()) {
                    case BASE64_32 -> "is not base64 of 32 bytes (openssl rand -base64 32)";
                    case BASE64 -> "is not base64";
                    case JWK -> "is not a private EC P-256 JWK (JSON)";
                }));
            } else if (problems.size() == before && Files.exists(file)) {
                if (!sameKey(key.format(), value.strip(), read(file))) {
                    problems.add(new Problem(property, key.variable(), "is not the key an earlier build generated in "
                            + file + ", which this data folder's data was protected with: set it to that file's content"
                            + " (docs/operations.md, \"Keys\")"));
                } else {
                    log.warn("{} is set and is the key in {}, which the hub no longer reads: keep that file in the "
                            + "secret store, not in the data folder (docs/operations.md, \"Keys\")", key.variable(), file);
                }
            }
        }
        return List.copyOf(problems);
    }

    private static boolean readable(KeyFormat format, String value) {
        try {
            return switch (format) {
                case BASE64_32 -> Base64.getDecoder().decode(value).length == 32;
                case BASE64 -> Base64.getDecoder().decode(value).length > 0;
                case JWK -> KeyFiles.signingJwk(value) != null;
            };
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Compared as the loaders read them: the bytes of a base64 key, the members of a JWK (not its spacing). */
    private static boolean sameKey(KeyFormat format, String value, String stored) {
        try {
            return format == KeyFormat.JWK ? Json.tree(value).equals(Json.tree(stored))
                    : Arrays.equals(Base64.getDecoder().decode(value), Base64.getDecoder().decode(stored));
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * The first admin's password, when given, follows the rules of every account's password
     * ({@link UserAccounts#passwordProblem}): "admin123" would be an admin account weaker than any the console
     * lets an admin create. Unset is allowed (one is generated).
     */
    static void adminPassword(List<Problem> problems, String password) {
        if (password == null || password.isEmpty()) {
            return;
        }
        UserAccounts.passwordProblem(password).ifPresent(problem -> problems.add(new Problem(
                "simpul.security.admin.password", "SIMPUL_SECURITY_ADMIN_PASSWORD", problem.reason())));
    }

    private static void checkTarget(List<Problem> problems, int index, SimpulProperties.Target target, String key,
                                    String value, boolean required) {
        // The shipped application.yaml reads SIMPUL_TARGET_<ID>_<KEY>; a target list given in the
        // environment replaces the whole list and is read from SIMPUL_TARGETS_<n>_<KEY>.
        String suffix = key.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
        String id = target.id() == null ? String.valueOf(index) : target.id();
        String variables = "SIMPUL_TARGET_" + id.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_") + "_" + suffix
                + " or SIMPUL_TARGETS_" + index + "_" + suffix;
        String property = "simpul.targets[" + index + "]." + key + " of target " + id;
        if (required || (value != null && !value.isBlank())) {
            check(problems, property, variables, value);
        }
    }

    private static void check(List<Problem> problems, String property, String variable, String value) {
        if (value == null || value.isBlank()) {
            problems.add(new Problem(property, variable, "is not set"));
        } else if (SIMULATOR_DEFAULTS.contains(value.strip())) {
            problems.add(new Problem(property, variable, "is the simulator's public default"));
        } else if (value.strip().startsWith(PLACEHOLDER)) {
            problems.add(new Problem(property, variable, "is a placeholder from docker/.env.example"));
        }
    }

    /**
     * Whether the {@code production} profile is active for an offline command, decided as Spring decides it for
     * the hub: the system property {@code spring.profiles.active}, else the variable {@code SPRING_PROFILES_ACTIVE}
     * (which the Docker image sets).
     */
    public static boolean production(String profilesProperty, Map<String, String> environment) {
        String profiles = profilesProperty != null ? profilesProperty : environment.get("SPRING_PROFILES_ACTIVE");
        return profiles != null && Arrays.stream(profiles.split(",")).map(String::strip).anyMatch("production"::equals);
    }

    /**
     * What a production hub would report for the key in {@code variable} in {@code environment}, with
     * {@code dataDir} its data folder: the report (description and action, as at start), or empty when it may be
     * used. For offline commands, which read a key as the hub does and must refuse as it does.
     */
    public static Optional<String> keyRefusal(String variable, Map<String, String> environment, Path dataDir) {
        List<Problem> problems = keys(environment::get, dataDir, key -> key.variable().equals(variable));
        if (problems.isEmpty()) {
            return Optional.empty();
        }
        FailureAnalysis analysis = new ProductionSecretsFailureAnalyzer().analyze(new Refused(problems));
        return Optional.of(analysis.getDescription() + "\n" + analysis.getAction());
    }

    /** The hub was started on the production profile with secrets it must not use. */
    public static final class Refused extends RuntimeException {

        private final List<Problem> problems;

        public Refused(List<Problem> problems) {
            super("production profile: " + problems.stream().map(Problem::toString)
                    .collect(Collectors.joining("; ")));
            this.problems = List.copyOf(problems);
        }

        public List<Problem> problems() {
            return problems;
        }
    }
}
