package id.simpul.canonical;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PIA's reference code lists (Lampiran 1–31), read as data from the guide's own appendix
 * ({@code reference/pia-4.3.22-lampiran.md} on the classpath) rather than typed into enums: when
 * OSS publishes a new appendix, the file is replaced, not the code.
 */
public final class CodeLists {

    /** Lampiran numbers of the lists the hub uses by name. */
    public static final int STATUS_PERMODALAN = 1;
    public static final int JENIS_PERUSAHAAN = 2;
    public static final int JENIS_IDENTITAS = 4;
    public static final int STATUS_RESPON = 9;
    public static final int STATUS_IZIN = 10;
    public static final int STATUS_NIB = 14;
    public static final int JENIS_PELAKU_USAHA = 18;
    public static final int SKALA_USAHA = 31;

    private static final String RESOURCE = "/reference/pia-4.3.22-lampiran.md";
    private static final Pattern HEADING = Pattern.compile("Lampiran\\s+(\\d+)\\s*-\\s*([^<]+)");
    private static final CodeLists PIA = load();

    private final Map<Integer, CodeList> lists;

    private CodeLists(Map<Integer, CodeList> lists) {
        this.lists = Collections.unmodifiableMap(lists);
    }

    /** The code lists of PIA 4.3.22. */
    public static CodeLists pia() {
        return PIA;
    }

    public Optional<CodeList> list(int lampiran) {
        return Optional.ofNullable(lists.get(lampiran));
    }

    public Map<Integer, CodeList> all() {
        return lists;
    }

    /** The label of a code, e.g. {@code label(STATUS_IZIN, "50")} → "Disetujui". */
    public Optional<String> label(int lampiran, String code) {
        return list(lampiran).flatMap(l -> l.entry(code)).map(Entry::label);
    }

    /** One entry: its code, label and the guide's explanation (may be empty). */
    public record Entry(String code, String label, String description) {
    }

    /** One appendix table. */
    public record CodeList(int lampiran, String title, Map<String, Entry> entries) {
        public Optional<Entry> entry(String code) {
            if (code == null) {
                return Optional.empty();
            }
            String c = code.strip();
            Entry e = entries.get(c);
            if (e == null && c.matches("\\d")) {
                e = entries.get("0" + c);
            }
            if (e == null && c.matches("0\\d")) {
                e = entries.get(c.substring(1));
            }
            return Optional.ofNullable(e);
        }
    }

    static CodeLists parse(InputStream in) throws IOException {
        Map<Integer, CodeList> lists = new LinkedHashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            Integer current = null;
            String title = null;
            Map<String, Entry> entries = null;
            String line;
            while ((line = reader.readLine()) != null) {
                Matcher heading = HEADING.matcher(line);
                if (line.startsWith("#") && heading.find()) {
                    if (current != null) {
                        lists.put(current, new CodeList(current, title, Collections.unmodifiableMap(entries)));
                    }
                    current = Integer.parseInt(heading.group(1));
                    title = heading.group(2).strip();
                    entries = new LinkedHashMap<>();
                    continue;
                }
                if (current == null || !line.strip().startsWith("|")) {
                    continue;
                }
                String[] cells = line.strip().split("\\|", -1);
                if (cells.length < 3) {
                    continue;
                }
                String code = cells[1].strip();
                // Header rows ("KODE") and separator rows ("---") are not codes.
                if (code.isEmpty() || code.startsWith("-") || code.equalsIgnoreCase("KODE") || code.startsWith("N ")) {
                    continue;
                }
                String label = cells[2].strip();
                String description = cells.length > 4 ? cells[3].strip() : "";
                entries.putIfAbsent(code, new Entry(code, label, description));
            }
            if (current != null) {
                lists.put(current, new CodeList(current, title, Collections.unmodifiableMap(entries)));
            }
        }
        return new CodeLists(lists);
    }

    private static CodeLists load() {
        try (InputStream in = CodeLists.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + RESOURCE);
            }
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
