package id.simpul.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import id.simpul.platform.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A simulator's state file as JSON lines: each change appends its record, so a write costs the change and
 * not the whole state (a demo runs for days); the owner rewrites the file with one record per item when it
 * loads it. A line cut short by a crash of the hub while it was written is skipped at load.
 */
final class JsonLines {

    /** The records of a file, oldest first, and how many lines could not be read. */
    record Loaded(List<JsonNode> records, int unreadable) {
    }

    private JsonLines() {
    }

    /** Empty when the file does not exist. */
    static Loaded read(Path file) throws IOException {
        List<JsonNode> records = new ArrayList<>();
        int unreadable = 0;
        if (file == null || !Files.isRegularFile(file)) {
            return new Loaded(records, 0);
        }
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) {
                continue;
            }
            try {
                records.add(Json.tree(line));
            } catch (RuntimeException e) {
                unreadable++;
            }
        }
        return new Loaded(records, unreadable);
    }

    static void append(Path file, Collection<? extends JsonNode> records) {
        try {
            Files.createDirectories(file.getParent());
            // A line a crash cut short is skipped at load, but only if what follows starts a line of its own:
            // glued to it, the next record would be lost with it.
            String text = endsInsideALine(file) ? "\n" + lines(records) : lines(records);
            Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save simulator state to " + file, e);
        }
    }

    private static boolean endsInsideALine(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (SeekableByteChannel channel = Files.newByteChannel(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size == 0) {
                return false;
            }
            ByteBuffer last = ByteBuffer.allocate(1);
            channel.position(size - 1).read(last);
            return last.get(0) != '\n';
        }
    }

    /** The file holds exactly {@code records}: written beside it and moved over it. */
    static void rewrite(Path file, Collection<? extends JsonNode> records) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, lines(records));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite simulator state in " + file, e);
        }
    }

    private static String lines(Collection<? extends JsonNode> records) {
        StringBuilder lines = new StringBuilder();
        records.forEach(r -> lines.append(Json.write(r)).append('\n'));
        return lines.toString();
    }
}
