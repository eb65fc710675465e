package id.simpul.platform;

import id.simpul.platform.security.SecurityProperties;
import id.simpul.platform.security.UserAccounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * A hub on the {@code production} profile does not start while a secret is missing, still one of the
 * simulators' defaults in {@code application.yaml}, or a {@code change-me} placeholder of
 * {@code docker/.env.example}. Those values are public: with them anyone can compute the PIA token OSS
 * pushes with, and the hub would send the simulator keys to OSS and to the regions. The embedded
 * default (no profile) keeps them, so {@code java -jar} works out of the box.
 * <p>
 * A bean factory post-processor, so the check runs before any bean exists: nothing connects to the
 * broker or migrates the database of a hub that is going to be refused. The refusal is reported by
 * {@link ProductionSecretsFailureAnalyzer} as one message naming the variables, without a stack trace.
 */
@Component
public class ProductionSecrets implements BeanFactoryPostProcessor, EnvironmentAware {

    /** The secrets {@code application.yaml} falls back to for the simulators. */
    public static final Set<String> SIMULATOR_DEFAULTS = Set.of("simulator", "simulator-secret", "simulator-user-key",
            "simulator-token", "simulator-api-key");
    /** How the placeholders of {@code docker/.env.example} begin. */
    public static final String PLACEHOLDER = "change-me";

    private Environment environment;

    // Aware rather than a constructor argument: post-processors are made before autowiring is set up.
    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        if (!environment.acceptsProfiles(Profiles.of("production"))) {
            return;
        }
        SimpulProperties properties = Binder.get(environment).bind("simpul", SimpulProperties.class)
                .orElseThrow(() -> new IllegalStateException("no simpul.* settings"));
        List<Problem> problems = new ArrayList<>(problems(properties));
        Binder.get(environment).bind("simpul.security", SecurityProperties.class)
                .ifBound(security -> adminPassword(problems, security.admin().password()));
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
