package id.simpul.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The disk's own durable-write latency: append 4 KiB and {@code FileChannel.force(false)}
 * ({@code fdatasync}) in a loop, in the folder where the hub keeps its journal. The floor under any
 * durable ack.
 */
public final class DiskSync {

    private DiskSync() {
    }

    public static Histogram measure(Path dir, int iterations) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("fdatasync-probe.dat");
        Histogram h = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        byte[] block = new byte[4096];
        ThreadLocalRandom.current().nextBytes(block);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            // Preallocate, like a journal file: the loop measures data syncs, not file growth.
            ByteBuffer zero = ByteBuffer.allocate(1 << 20);
            for (int i = 0; i < Math.max(1, iterations * 4096 / (1 << 20) + 1); i++) {
                zero.clear();
                ch.write(zero);
            }
            ch.force(true);
            long position = 0;
            for (int i = 0; i < iterations; i++) {
                ByteBuffer buf = ByteBuffer.wrap(block);
                long t0 = System.nanoTime();
                while (buf.hasRemaining()) {
                    position += ch.write(buf, position);
                }
                ch.force(false);
                h.recordValue(System.nanoTime() - t0);
            }
        } finally {
            Files.deleteIfExists(file);
        }
        return h;
    }
}
