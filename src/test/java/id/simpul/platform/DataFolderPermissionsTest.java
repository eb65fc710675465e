package id.simpul.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data folder (the embedded store with the applicants' NIKs, the broker's journal, the backups) is closed to
 * the machine's other accounts. Made with the usual umask it was drwxr-xr-x, and the store in it rw-r--r--.
 */
class DataFolderPermissionsTest {

    @Test
    void aDataFolderOpenToEveryAccountIsClosedToOthersAndKeepsItsGroup(@TempDir Path parent) throws Exception {
        Path data = Files.createDirectories(parent.resolve("data"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path store = Files.createDirectories(data.resolve("store"));
        Files.setPosixFilePermissions(store, PosixFilePermissions.fromString("rwxr-xr-x"));

        assertThat(DataFolderPermissions.closeToOthers(data)).isTrue();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwxr-x---");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store)))
                .as("what lies inside is closed by the folder").isEqualTo("rwxr-xr-x");
    }

    @Test
    void aMissingDataFolderIsMadeClosedToOthers(@TempDir Path parent) throws Exception {
        Path data = parent.resolve("new/data");

        assertThat(DataFolderPermissions.closeToOthers(data)).isTrue();

        assertThat(Files.getPosixFilePermissions(data).stream().map(Enum::name)).noneMatch(p -> p.startsWith("OTHERS"));
    }
}
