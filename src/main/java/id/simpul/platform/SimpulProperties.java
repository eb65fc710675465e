package id.simpul.platform;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Every setting of the hub, under the one prefix {@code simpul.*}. Defaults live in
 * {@code application.yaml}; secrets (passwords, keys, tokens) come from the environment.
 */
@ConfigurationProperties(prefix = "simpul")
public record SimpulProperties(
        Path dataDir,
        Path routesDir,
        Path mappingsDir,
        Region region,
        Oss oss,
        Intake intake,
        Delivery delivery,
        List<Target> targets,
        Simulators simulators) {

    public SimpulProperties {
        targets = targets == null ? List.of() : List.copyOf(targets);
    }

    /** The region this hub serves: permits whose {@code kd_daerah} starts with a prefix are ours. */
    public record Region(List<String> kdDaerahPrefixes) {
        public boolean serves(String kdDaerah) {
            return kdDaerah != null && kdDaerahPrefixes.stream().anyMatch(kdDaerah::startsWith);
        }
    }

    public record Oss(Inbound inbound, Outbound outbound) {
    }

    /** OSS pushing to us: the PIA token credentials agreed with OSS, and request limits. */
    public record Inbound(
            String username,
            String password,
            Duration midnightSkew,
            List<String> ipAllowlist,
            long maxBodyBytes) {
    }

    /** Us calling OSS. */
    public record Outbound(String baseUrl, String userKey, Duration timeout) {
    }

    /** Concurrent consumers converting OSS pushes. */
    public record Intake(int consumers) {
    }

    /** Retry policy for transient delivery failures; permanent ones go to the dead-letter queue at once. */
    public record Delivery(int consumers, int maxRetries, Duration initialBackoff, double backoffMultiplier, Duration maxBackoff) {
    }

    /** A local permit system that receives permits for the regions it serves. */
    public record Target(
            String id,
            String flavour,
            List<String> kdDaerahPrefixes,
            String baseUrl,
            String token,
            String mapping,
            Duration connectTimeout,
            Duration readTimeout) {
        public boolean serves(String kdDaerah) {
            return kdDaerah != null && kdDaerahPrefixes.stream().anyMatch(kdDaerah::startsWith);
        }
    }

    public record Simulators(boolean enabled, String hubUrl, OssSimulator oss, SiCantikSimulator sicantik) {
    }

    public record OssSimulator(int port, Duration pushInterval, long seed) {
    }

    public record SiCantikSimulator(int port) {
    }
}
