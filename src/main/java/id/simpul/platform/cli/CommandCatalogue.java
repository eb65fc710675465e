package id.simpul.platform.cli;

import id.simpul.intake.poll.BackfillCommand;
import id.simpul.applicant.cli.ApplicantCommands;
import id.simpul.applicant.pii.PiiKeys;
import id.simpul.applicant.pii.PiiProtector;
import id.simpul.delivery.StatusCrosswalk;
import id.simpul.intake.NibIntake;
import id.simpul.mapping.MappingCheck;
import id.simpul.platform.ProductionSecrets;
import id.simpul.platform.backup.RestoreStoreCommand;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;

/**
 * The one place that lists offline commands, so {@code main} stays free of capability imports.
 * Capabilities add a line here when they ship a command.
 */
final class CommandCatalogue {

    private static boolean registered;

    private CommandCatalogue() {
    }

    static synchronized void registerAll() {
        if (registered) {
            return;
        }
        registered = true;
        Commands.register("verify-audit", VerifyAuditCommand::run);
        Commands.register(GenerateKeysCommand.NAME, GenerateKeysCommand::run);
        Commands.register(RestoreStoreCommand.NAME, RestoreStoreCommand::run);
        Commands.register(BackfillCommand.NAME, BackfillCommand::run);
        Commands.register(MappingCheck.NAME, args -> mappingCheck(Clock.systemUTC(), System.out, System.err).run(args));
        Commands.register("resolve-applicants", args -> ApplicantCommands.resolveApplicants(args, piiKeys(System.getenv(),
                System.getProperty("spring.profiles.active"))));
        Commands.register("evaluate", args -> ApplicantCommands.evaluate(args, piiKeys(System.getenv(),
                System.getProperty("spring.profiles.active"))));
        Commands.register("generate-applicants", ApplicantCommands::generateApplicants);
        Commands.register("bench-applicant-match", args -> ApplicantCommands.benchMatch(args, piiKeys(System.getenv(),
                System.getProperty("spring.profiles.active"))));
    }

    /**
     * A store's NIK key as the hub takes it: on the production profile only from {@code SIMPUL_PII_KEY}, refused
     * with the hub's own report otherwise. A key generated into the store's folder there would be none of the
     * hub's, and NIKs protected with it would not match the hub's (docs/operations.md, "Keys").
     */
    static Function<Path, PiiProtector> piiKeys(Map<String, String> environment, String profilesProperty) {
        if (!ProductionSecrets.production(profilesProperty, environment)) {
            return dir -> PiiKeys.load(environment, dir);
        }
        return dir -> {
            ProductionSecrets.keyRefusal(PiiKeys.ENV, environment, dir).ifPresent(refusal -> {
                throw new PiiKeys.Unavailable(refusal);
            });
            return PiiKeys.load(environment, dir);
        };
    }

    /** The mapping check reads samples as intake does and crosswalks as delivery does: only this class may know both. */
    static MappingCheck mappingCheck(Clock clock, PrintStream out, PrintStream err) {
        return new MappingCheck(NibIntake::sampleInputs, (mappings, file) -> new StatusCrosswalk(mappings).check(file),
                clock, out, err);
    }
}
