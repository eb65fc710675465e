package id.simpul.platform.backup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code java -jar simpul.jar restore-store --from <backup>.zip.sealed [--data-dir ./data]}: restores a
 * sealed backup as the embedded store of a stopped hub (see {@link StoreRestore}). The key is the one the
 * backup was made with: {@code SIMPUL_BACKUP_KEY}, or {@code <data-dir>/keys/backup.key} (never generated
 * here). Exit 0 when restored, 1 when refused or failed (the store and journal are then as they were, or
 * the message says what to move back), 2 on bad arguments.
 */
public final class RestoreStoreCommand {

    public static final String NAME = "restore-store";

    private RestoreStoreCommand() {
    }

    public static int run(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        String from = options.get("from");
        if (from == null || !Files.isRegularFile(Path.of(from))) {
            System.err.println("usage: restore-store --from <simpul-store-….zip.sealed> [--data-dir ./data]"
                    + (from == null ? "" : " (no file " + from + ")"));
            return 2;
        }
        Path dataDir = Path.of(options.getOrDefault("data-dir", "./data")).toAbsolutePath().normalize();
        try {
            StoreRestore.Outcome done = StoreRestore.restore(Path.of(from), dataDir,
                    BackupKey.existing(System.getenv(), dataDir), Clock.systemUTC());
            System.out.println("restored the store from the backup of " + done.backupTime() + " into " + done.store());
            done.movedAside().forEach(p -> System.out.println("kept the previous " + p.getFileName()
                    .toString().replaceFirst("\\.replaced-.*", "") + " as " + p));
            System.out.println("next: start the hub; backfill the NIBs OSS sent after " + done.backupTime()
                    + ", and apply the REPUSH fixes of the next reconciliation run to the permits not yet "
                    + "delivered (docs/operations.md, \"Backups\")");
            return 0;
        } catch (IllegalStateException e) {
            System.err.println("not restored: " + e.getMessage());
            return 1;
        }
    }
}
