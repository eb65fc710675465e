package id.simpul.applicant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import id.simpul.applicant.ApplicantRegistry;
import id.simpul.applicant.MatchSettings;
import id.simpul.applicant.MergeListener;
import id.simpul.applicant.RegistryFixture;
import id.simpul.applicant.match.FeatureExtractor;
import id.simpul.applicant.pii.PiiKeys;
import id.simpul.applicant.pii.PiiProtector;
import id.simpul.applicant.store.RegistryStore;
import id.simpul.platform.cli.Commands;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offline commands on the labelled fixture generated with seed 7 (never used for tuning). */
class ResolveApplicantsCommandTest {

    private static final Path APPLICANTS = RegistryFixture.fixture("applicants-seed7.jsonl");
    private static final Path TRUTH = RegistryFixture.fixture("truth-seed7.csv");

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final ApplicantCommands commands = new ApplicantCommands(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    @Test
    void resolvesTheLabelledFileWithPairwiseAndBcubedF1AboveTheBar() throws IOException {
        Path csv = dir.resolve("clusters.csv");

        int rc = commands.resolve(new String[] {"--in", APPLICANTS.toString(), "--out", csv.toString()});

        assertThat(rc).isZero();
        List<String> rows = Files.readAllLines(csv);
        assertThat(rows.get(0)).isEqualTo("sourceRef,applicantId");
        assertThat(rows).hasSize(Files.readAllLines(APPLICANTS).size() + 1);
        ClusterMetrics m = ClusterMetrics.of(ApplicantCommands.readCsv(TRUTH), ApplicantCommands.readCsv(csv));
        assertThat(m.pairF1()).isGreaterThanOrEqualTo(0.97);
        assertThat(m.b3F1()).isGreaterThanOrEqualTo(0.98);
    }

    @Test
    void printsProgressAndASummaryWithLinksByKindReviewItemsAndRate() {
        commands.resolve(new String[] {"--in", APPLICANTS.toString(), "--out", dir.resolve("c.csv").toString(),
                "--progress-every", "500"});

        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("progress: 500 records").contains("store: temporary")
                .containsPattern("done: 2007 records \\(0 rejected\\), \\d+ masters, links SAME 2007 / MAYBE \\d+ / DIFFERENT 0")
                .containsPattern("\\d+ review items").containsPattern("\\d+ records/s");
    }

    @Test
    void namedStoreKeepsTheRegistrySoASecondRunFollowsTheFirstRunsIds() throws IOException {
        Path store = dir.resolve("store");
        Path first = dir.resolve("first.csv");
        Path second = dir.resolve("second.csv");

        commands.resolve(new String[] {"--in", APPLICANTS.toString(), "--out", first.toString(), "--store", store.toString()});
        commands.resolve(new String[] {"--in", APPLICANTS.toString(), "--out", second.toString(), "--store", store.toString()});

        // A re-sent record may join a master it now clearly belongs to; its old id then resolves there.
        Map<String, String> before = ApplicantCommands.readCsv(first);
        Map<String, String> after = ApplicantCommands.readCsv(second);
        try (ApplicantStores stores = ApplicantStores.open(store)) {
            PiiProtector pii = PiiKeys.load(Map.of(), store);
            ApplicantRegistry registry = new ApplicantRegistry(new RegistryStore(stores.dataSource(), pii.payloadSeal()),
                    new FeatureExtractor(pii, RegistryFixture.CLOCK), MatchSettings.DEFAULTS,
                    RegistryFixture.CLOCK, MergeListener.NONE);
            registry.load();
            assertThat(registry.stats().records()).isEqualTo(before.size());
            before.forEach((ref, id) -> assertThat(registry.resolveId(id)).as(ref).contains(after.get(ref)));
        }
        assertThat(after.values().stream().filter(id -> !before.containsValue(id))).isEmpty();
        assertThat(store.resolve("keys/pii.key")).exists();
    }

    @Test
    void registryLoadedInTheBackgroundAnswersOnlyOnceLoadedAndLikeTheBackfill() throws IOException {
        // More records than one load chunk (4,096), so the chunked, parallel restore is exercised.
        Path in = dir.resolve("a.jsonl");
        try (var records = Files.newBufferedWriter(in); var truth = new StringWriter()) {
            ApplicantGenerator.generate(11, 9_000, records, truth);
        }
        Path store = dir.resolve("store");
        Path csv = dir.resolve("a.csv");
        assertThat(commands.resolve(new String[] {"--in", in.toString(), "--out", csv.toString(), "--store", store.toString()}))
                .isZero();
        Map<String, String> backfill = ApplicantCommands.readCsv(csv);
        String someLine = Files.readAllLines(in).get(4_500);
        String someRef = someLine.substring(someLine.indexOf("\"sourceRef\":\"") + 13, someLine.indexOf('"', someLine.indexOf("\"sourceRef\":\"") + 13));

        try (ApplicantStores stores = ApplicantStores.open(store)) {
            PiiProtector pii = PiiKeys.load(Map.of(), store);
            ApplicantRegistry registry = new ApplicantRegistry(new RegistryStore(stores.dataSource(), pii.payloadSeal()),
                    new FeatureExtractor(pii, RegistryFixture.CLOCK), MatchSettings.DEFAULTS,
                    RegistryFixture.CLOCK, MergeListener.NONE);
            registry.loadInBackground();
            // Called at once: waits for the load instead of matching against an empty index.
            var again = registry.resolve(new com.fasterxml.jackson.databind.ObjectMapper()
                    .readValue(someLine.replace("\"sourceRef\":\"", "\"sourceRef\":\"again:"), id.simpul.applicant.SourceRecord.class));
            assertThat(registry.isLoaded()).isTrue();
            assertThat(again.outcome()).isEqualTo(id.simpul.applicant.Resolution.Outcome.LINKED);
            assertThat(again.applicantId()).isEqualTo(backfill.get(someRef));
            assertThat(registry.stats().records()).isEqualTo(backfill.size() + 1);
            backfill.forEach((ref, id) -> assertThat(registry.applicantOf(ref)).as(ref).contains(id));
        }
    }

    @Test
    void badLinesAreReportedByLineNumberWithoutTheirContent() throws IOException {
        Path in = dir.resolve("bad.jsonl");
        Files.writeString(in, """
                {"sourceRef":"x:1","type":"PERSON","name":"Budi Santoso","nik":"1671011505900003"}
                {"sourceRef":"x:2","type":"PERSON","nik":"1671011505900004"}
                not json
                """);

        int rc = commands.resolve(new String[] {"--in", in.toString(), "--out", dir.resolve("o.csv").toString()});

        assertThat(rc).isEqualTo(2);
        String problems = err.toString(StandardCharsets.UTF_8);
        assertThat(problems).contains("line 2: rejected").contains("line 3: rejected").doesNotContain("1671011505900004");
        assertThat(Files.readAllLines(dir.resolve("o.csv"))).hasSize(2);
    }

    @Test
    void missingOptionsPrintUsage() {
        assertThat(commands.resolve(new String[] {"--in", "x.jsonl"})).isEqualTo(64);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: java -jar simpul.jar resolve-applicants");
    }

    @Test
    void evaluateReportsPairwiseAndBcubedAndFailsBelowTheMinimum() throws IOException {
        Path csv = dir.resolve("clusters.csv");
        commands.resolve(new String[] {"--in", APPLICANTS.toString(), "--out", csv.toString()});

        int ok = commands.evaluateCommand(new String[] {"--truth", TRUTH.toString(), "--clusters", csv.toString(),
                "--min-f1", "0.9"});
        int tooStrict = commands.evaluateCommand(new String[] {"--truth", TRUTH.toString(), "--clusters", csv.toString(),
                "--min-f1", "0.99999"});

        assertThat(ok).isZero();
        assertThat(tooStrict).isEqualTo(3);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("pairwise  precision").contains("B-cubed   precision");
    }

    @Test
    void generatorGivesTheSameLabelledDataForTheSameSeed() throws IOException {
        StringWriter a = new StringWriter();
        StringWriter b = new StringWriter();
        StringWriter ta = new StringWriter();
        StringWriter tb = new StringWriter();

        ApplicantGenerator.generate(7, 2000, a, ta);
        ApplicantGenerator.generate(7, 2000, b, tb);

        assertThat(a.toString()).isEqualTo(b.toString()).isEqualTo(Files.readString(APPLICANTS));
        assertThat(ta.toString()).isEqualTo(tb.toString());
    }

    @Test
    void commandsAreRegisteredForThePackagedJar() {
        for (String name : List.of("resolve-applicants", "evaluate", "generate-applicants", "bench-applicant-match")) {
            assertThat(Commands.isCommand(new String[] {name})).as(name).isTrue();
        }
    }

    @Test
    void metricsOfAPerfectAndOfAnAllInOneClustering() {
        Map<String, String> truth = Map.of("a", "1", "b", "1", "c", "2", "d", "3");

        ClusterMetrics perfect = ClusterMetrics.of(truth, Map.of("a", "x", "b", "x", "c", "y", "d", "z"));
        ClusterMetrics lumped = ClusterMetrics.of(truth, Map.of("a", "x", "b", "x", "c", "x", "d", "x"));

        assertThat(perfect.pairF1()).isEqualTo(1.0);
        assertThat(perfect.b3F1()).isEqualTo(1.0);
        assertThat(lumped.pairPrecision()).isEqualTo(1.0 / 6);
        assertThat(lumped.pairRecall()).isEqualTo(1.0);
        assertThat(lumped.b3Precision()).isEqualTo((0.5 + 0.5 + 0.25 + 0.25) / 4);
    }
}
