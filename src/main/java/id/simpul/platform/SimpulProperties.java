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
        Simulators simulators,
        Broker broker,
        Reconciliation reconciliation) {

    public SimpulProperties {
        targets = targets == null ? List.of() : List.copyOf(targets);
        broker = broker == null ? new Broker(null) : broker;
        reconciliation = reconciliation == null ? new Reconciliation(0, null, null) : reconciliation;
    }

    /**
     * IT staff's tools: bulk replays paced to {@code replayRate} messages per second; scheduled
     * reconciliation runs every {@code interval} (0 = only on demand); an undelivered permit counts
     * as stuck after {@code stuckAfter}.
     */
    public record Reconciliation(int replayRate, Duration interval, Duration stuckAfter) {
        public Reconciliation {
            replayRate = replayRate <= 0 ? 2000 : replayRate;
            interval = interval == null ? Duration.ofHours(1) : interval;
            stuckAfter = stuckAfter == null ? Duration.ofMinutes(15) : stuckAfter;
        }
    }

    /**
     * The region this hub serves: permits whose {@code kd_daerah} starts with a prefix are ours, if they are
     * also of an authority level ({@code kewenangan}: 00 central, 01 province, 02 regency/city) the office
     * holds. A regency's DPMPTSP registers only its own permits (default {@code ["02"]}); a permit of a
     * ministry located in the regency is context, as a permit of another region is. A province's hub sets
     * {@code ["01"]}.
     */
    public record Region(List<String> kdDaerahPrefixes, List<String> kewenangan) {
        public Region {
            kewenangan = kewenangan == null || kewenangan.isEmpty() ? List.of("02") : List.copyOf(kewenangan);
        }

        public boolean serves(String kdDaerah) {
            return kdDaerah != null && kdDaerahPrefixes.stream().anyMatch(kdDaerah::startsWith);
        }

        /**
         * A checklist entry's place and authority. An entry without {@code kewenangan} goes by place alone:
         * the field is optional in the guide's examples. OSS sends it as "02" or as the number 2.
         */
        public boolean serves(String kdDaerah, String entryKewenangan) {
            if (!serves(kdDaerah)) {
                return false;
            }
            if (entryKewenangan == null || entryKewenangan.isBlank()) {
                return true;
            }
            String code = entryKewenangan.strip();
            return kewenangan.contains(code.length() == 1 ? "0" + code : code);
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

    /**
     * The embedded broker's journal: how long it gathers writes before one sync (NIO journal;
     * Artemis's own default of 3.3 ms is sized for spinning disks).
     */
    public record Broker(Duration journalBufferTimeout) {
        public Broker {
            journalBufferTimeout = journalBufferTimeout == null ? Duration.ofNanos(500_000) : journalBufferTimeout;
        }
    }

    /** Concurrent consumers converting OSS pushes. */
    public record Intake(int consumers) {
    }

    /**
     * Retry policy for transient failures (delivery to targets, status reports to OSS); permanent ones
     * go to the dead-letter queue at once. {@code pollInterval} is how often each target's outputs are
     * read for status changes (a target may override it; {@code 0} = off). {@code lease} is how long
     * one delivery attempt to a target without an idempotency key (the backoffice) holds the permit
     * version against other attempts at most, should its holder die mid-attempt; it must outlast an
     * attempt's two calls (look-up and create), which the hub checks against each such target's
     * read timeout at start. A status report to OSS is held as long (at least two OSS timeouts) by the
     * consumer sending it ({@code StatusReports#claim}).
     */
    public record Delivery(int consumers, int maxRetries, Duration initialBackoff, double backoffMultiplier,
                           Duration maxBackoff, Duration pollInterval, Duration lease) {
        public Delivery {
            pollInterval = pollInterval == null ? Duration.ofSeconds(60) : pollInterval;
            lease = lease == null ? Duration.ofMinutes(2) : lease;
        }
    }

    /**
     * A local permit system that receives permits for the regions it serves (see docs/delivery.md).
     *
     * @param flavour   {@code sicantik-cloud}, {@code splp}, {@code sicantik-backoffice} or {@code manual}
     * @param token     bearer token (SiCantik Cloud {@code Authorization}, SPLP {@code auth}); from the environment
     * @param apiKey    API key (SPLP {@code apikey}, backoffice {@code X-API-KEY}); from the environment
     * @param mapping   canonical → target request, a file under {@code mappings/}
     * @param consumers concurrent deliveries to this target (its own queue and consumers)
     */
    public record Target(
            String id,
            String flavour,
            List<String> kdDaerahPrefixes,
            String baseUrl,
            String token,
            String apiKey,
            String mapping,
            Duration connectTimeout,
            Duration readTimeout,
            Integer consumers,
            RateLimit rateLimit,
            Bulkhead bulkhead,
            Circuit circuit,
            Splp splp,
            BackSync backSync) {

        public Target {
            kdDaerahPrefixes = kdDaerahPrefixes == null ? List.of() : List.copyOf(kdDaerahPrefixes);
            connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
            readTimeout = readTimeout == null ? Duration.ofSeconds(30) : readTimeout;
            consumers = consumers == null ? 4 : consumers;
            rateLimit = rateLimit == null ? new RateLimit(null, null) : rateLimit;
            bulkhead = bulkhead == null ? new Bulkhead(null) : bulkhead;
            circuit = circuit == null ? new Circuit(null, null, null, null, null) : circuit;
            backSync = backSync == null ? new BackSync(null, null, null, null) : backSync;
        }

        public boolean serves(String kdDaerah) {
            return kdDaerah != null && kdDaerahPrefixes.stream().anyMatch(kdDaerah::startsWith);
        }
    }

    /** At most {@code permits} calls to a target per {@code period}; callers wait for the next slot. */
    public record RateLimit(Integer permits, Duration period) {
        public RateLimit {
            permits = permits == null ? 10 : permits;
            period = period == null ? Duration.ofSeconds(1) : period;
        }
    }

    /** At most this many calls in flight to a target at once (pushes and polls together). */
    public record Bulkhead(Integer maxConcurrentCalls) {
        public Bulkhead {
            maxConcurrentCalls = maxConcurrentCalls == null ? 4 : maxConcurrentCalls;
        }
    }

    /**
     * The circuit breaker of a target: it opens when {@code failureRate} % of the last {@code window}
     * calls (at least {@code minimumCalls}) failed transiently, lets one trial call through after
     * {@code openFor}, and closes when it succeeds. A delivery waits at most {@code maxWait} for the
     * circuit before the message goes back to the broker for later.
     */
    public record Circuit(Float failureRate, Integer window, Integer minimumCalls, Duration openFor, Duration maxWait) {
        public Circuit {
            failureRate = failureRate == null ? 50f : failureRate;
            window = window == null ? 10 : window;
            minimumCalls = minimumCalls == null ? 5 : minimumCalls;
            openFor = openFor == null ? Duration.ofSeconds(30) : openFor;
            maxWait = maxWait == null ? Duration.ofMinutes(2) : maxWait;
        }
    }

    /** SPLP envelope: AES-256-GCM with key = SHA-256 of this per-agency salt (from the environment). */
    public record Splp(String salt) {
    }

    /**
     * Reading a target's outputs for status changes to report to OSS.
     *
     * @param pollInterval overrides {@code simpul.delivery.poll-interval}; {@code 0} = off
     * @param outputsId    the SiCantik output ("keluaran") template id that lists the permits
     * @param crosswalk    local status → OSS {@code kd_status}, a file under {@code mappings/}
     * @param kdInstansi   {@code kd_instansi} sent to OSS in {@code IZINSTATUS}
     */
    public record BackSync(Duration pollInterval, String outputsId, String crosswalk, String kdInstansi) {
    }

    /**
     * Built-in simulators: OSS, and one per target flavour. The embedded default runs SiCantik Cloud
     * (Banyuasin) on {@code sicantik.port} and the backoffice (Palembang) on the next port; SPLP and
     * manual-office simulators start only when given a port.
     */
    public record Simulators(boolean enabled, String hubUrl, OssSimulator oss, TargetSimulator sicantik,
                             TargetSimulator backoffice, TargetSimulator splp, TargetSimulator manual,
                             OfficePermitsSimulator officePermits) {
        public Simulators {
            officePermits = officePermits == null ? new OfficePermitsSimulator(null, null, 0) : officePermits;
        }
    }

    /**
     * The simulated SiCantik Cloud office's own permits (types OSS does not handle): how many an hour of the
     * simulator's clock (0 = none), and the share of applicants the simulated OSS pushed before.
     */
    public record OfficePermitsSimulator(Double perHour, Double overlap, long seed) {
        public OfficePermitsSimulator {
            perHour = perHour == null ? 4d : perHour;
            overlap = overlap == null ? 0.3d : overlap;
        }
    }

    public record OssSimulator(int port, Duration pushInterval, long seed) {
    }

    /**
     * A target simulator: its port ({@code 0} = not started), how long a permit stays in each local
     * step ({@code 0} = only when advanced through its admin call), and the credentials it expects.
     */
    public record TargetSimulator(int port, Duration stepInterval, String token, String apiKey, String salt) {
        public TargetSimulator {
            stepInterval = stepInterval == null ? Duration.ZERO : stepInterval;
        }
    }
}
