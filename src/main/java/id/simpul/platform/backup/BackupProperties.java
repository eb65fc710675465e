package id.simpul.platform.backup;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code simpul.backup.*}: encrypted backups of the embedded store. {@code dir} defaults to
 * {@code <data-dir>/backups} (keep it on another disk in practice); {@code keep} is how many backups are
 * kept; {@code cron} when the hub makes one ({@code "-"}: only on demand). The key is not here: it comes
 * from the environment ({@code SIMPUL_BACKUP_KEY}) or is generated under {@code <data-dir>/keys/}.
 */
@ConfigurationProperties(prefix = "simpul.backup")
public record BackupProperties(Path dir, Integer keep, String cron) {

    public BackupProperties {
        keep = keep == null || keep < 1 ? 7 : keep;
        cron = cron == null || cron.isBlank() ? "-" : cron;
    }
}
