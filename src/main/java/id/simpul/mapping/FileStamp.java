package id.simpul.mapping;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.TimeUnit;

/**
 * What tells a saved file from the one read before: its modification time at full precision and its size.
 * A save in place (truncate, then write) can land within one millisecond of the read that caught it
 * half-written; the size still differs.
 */
public record FileStamp(long modifiedNanos, long size) {

    /** A file that is not there (deleted, or between the two steps of a rename-save). */
    public static final FileStamp GONE = new FileStamp(-1, -1);

    public static FileStamp of(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return new FileStamp(attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS), attributes.size());
        } catch (IOException e) {
            return GONE;
        }
    }

    /** The stamp of a version read from its last good copy ({@link LastGood}): no file in the folder has it. */
    public static final FileStamp COPY = new FileStamp(-2, -2);

    public boolean gone() {
        return equals(GONE);
    }
}
