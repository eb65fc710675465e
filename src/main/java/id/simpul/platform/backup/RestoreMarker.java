package id.simpul.platform.backup;

import id.simpul.platform.SimpulProperties;
import id.simpul.platform.audit.AuditLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * After {@code restore-store}, the first start writes {@code STORE_RESTORED} to the audit log: the restored
 * chain ends at the backup's time and verifies as intact, so without this row nothing would show that the
 * rows written after the backup are gone (they are still in the store kept aside, which the row names).
 */
@Component
public class RestoreMarker {

    static final String FILE = "restored-from-backup.txt";
    private static final Logger log = LoggerFactory.getLogger(RestoreMarker.class);

    private final Path marker;
    private final AuditLog audit;

    public RestoreMarker(SimpulProperties properties, AuditLog audit) {
        this.marker = properties.dataDir().resolve("store").resolve(FILE);
        this.audit = audit;
    }

    @EventListener(ApplicationReadyEvent.class)
    void recordRestore() {
        if (!Files.exists(marker)) {
            return;
        }
        try {
            String what = Files.readString(marker).strip();
            audit.append(new AuditLog.Event(RestoreStoreCommand.NAME, "STORE_RESTORED", "store", "store", null,
                    "restored from the " + what + "; audit rows written after the backup are only in that store",
                    null, null));
            Files.delete(marker);
            log.warn("this store was restored from the {}", what);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + marker, e);
        }
    }
}
