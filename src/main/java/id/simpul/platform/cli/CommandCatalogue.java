package id.simpul.platform.cli;

import id.simpul.intake.poll.BackfillCommand;
import id.simpul.applicant.cli.ApplicantCommands;
import id.simpul.platform.backup.RestoreStoreCommand;

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
        Commands.register("resolve-applicants", ApplicantCommands::resolveApplicants);
        Commands.register("evaluate", ApplicantCommands::evaluate);
        Commands.register("generate-applicants", ApplicantCommands::generateApplicants);
        Commands.register("bench-applicant-match", ApplicantCommands::benchMatch);
    }
}
