package id.simpul.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationListener;

/**
 * The data folder holds the embedded store (every permit with its applicant's NIK and phone, as OSS sent them),
 * the broker's journal and the backups. Created with the usual umask (022) it was readable by every account of
 * the machine (drwxr-xr-x, simpul.mv.db rw-r--r--), whatever the hub masks in its views. Before the store or the
 * broker opens a file in it, the hub takes every right of other accounts off the folder itself, which closes
 * everything under it; the group keeps its rights (a backup agent may read the folder through its group). A
 * folder the hub's user does not own, or a file system without POSIX modes, is left as it is, with a warning.
 */
public class DataFolderPermissions implements ApplicationListener<ApplicationPreparedEvent> {

    private static final Logger log = LoggerFactory.getLogger(DataFolderPermissions.class);
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    @Override
    public void onApplicationEvent(ApplicationPreparedEvent event) {
        String dir = event.getApplicationContext().getEnvironment().getProperty("simpul.data-dir");
        if (dir != null && !dir.isBlank()) {
            closeToOthers(Path.of(dir));
        }
    }

    /** Creates {@code dataDir} if it is missing and takes the other accounts' rights off it; true when it is closed. */
    static boolean closeToOthers(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(dataDir);
            if (mode.stream().noneMatch(OTHERS::contains)) {
                return true;
            }
            Set<PosixFilePermission> closed = EnumSet.copyOf(mode);
            closed.removeAll(OTHERS);
            Files.setPosixFilePermissions(dataDir, closed);
            log.info("the data folder {} was open to every account of this machine ({}); now {}", dataDir,
                    PosixFilePermissions.toString(mode), PosixFilePermissions.toString(closed));
            return true;
        } catch (UnsupportedOperationException notPosix) {
            return false;
        } catch (IOException | SecurityException e) {
            log.warn("the data folder {} could not be closed to other accounts of this machine ({}): it holds the "
                    + "store with the applicants' NIKs; take their rights off it (chmod o-rwx)", dataDir, e.toString());
            return false;
        }
    }
}
