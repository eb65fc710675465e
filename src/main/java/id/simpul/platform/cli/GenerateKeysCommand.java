package id.simpul.platform.cli;

import id.simpul.platform.ProductionSecrets;
import id.simpul.platform.security.KeyFiles;
import java.io.PrintStream;

/**
 * {@code java -jar simpul.jar generate-keys}: a new set of the hub's keys ({@link ProductionSecrets#KEYS}) as
 * {@code VARIABLE=value} lines, for a new installation on the production profile, which takes its keys only from
 * the environment. Printed, never written to a file: they belong in the secret store, not beside the data or its
 * backups. Not for a hub that has data already: that data was protected with its own keys (docs/operations.md,
 * "Keys").
 */
final class GenerateKeysCommand {

    static final String NAME = "generate-keys";

    private GenerateKeysCommand() {
    }

    static int run(String[] args) {
        return run(System.out);
    }

    static int run(PrintStream out) {
        out.println("# New keys for a NEW installation (docs/operations.md, \"Keys\"). Put them in the secret store,"
                + " apart from the backups;");
        out.println("# a hub that has data keeps the keys it has. SIMPUL_BACKUP_KEY is used only with the embedded store.");
        for (ProductionSecrets.Key key : ProductionSecrets.KEYS) {
            // The JWK in single quotes, so a shell or docker/.env takes its JSON as it is.
            String value = switch (key.format()) {
                case BASE64_32, BASE64 -> KeyFiles.newKey(32);
                case JWK -> "'" + KeyFiles.newSigningJwk() + "'";
            };
            out.println(key.variable() + "=" + value);
        }
        return 0;
    }
}
