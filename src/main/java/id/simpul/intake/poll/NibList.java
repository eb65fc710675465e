package id.simpul.intake.poll;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A list of NIBs as IT staff write it: one per line; blank lines and {@code #} comments ignored;
 * spaces, dots and dashes inside a NIB tolerated; each NIB once, in first-seen order.
 *
 * @param errors one line each: {@code "line 7: '12345' is not a 13-digit NIB"}
 */
public record NibList(List<String> nibs, List<String> errors) {

    private static final Pattern NIB = Pattern.compile("[0-9]{13}");

    public static NibList parse(String text) {
        Set<String> nibs = new LinkedHashSet<>();
        List<String> errors = new ArrayList<>();
        String[] lines = text == null ? new String[0] : text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int hash = line.indexOf('#');
            if (hash >= 0) {
                line = line.substring(0, hash);
            }
            line = line.strip();
            if (line.isEmpty()) {
                continue;
            }
            addOne(line, "line " + (i + 1), nibs, errors);
        }
        return new NibList(List.copyOf(nibs), List.copyOf(errors));
    }

    public static NibList of(List<String> given) {
        Set<String> nibs = new LinkedHashSet<>();
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            addOne(given.get(i) == null ? "" : given.get(i).strip(), "item " + (i + 1), nibs, errors);
        }
        return new NibList(List.copyOf(nibs), List.copyOf(errors));
    }

    private static void addOne(String raw, String where, Set<String> nibs, List<String> errors) {
        String nib = raw.replaceAll("[\\s.\\-]", "");
        if (NIB.matcher(nib).matches()) {
            nibs.add(nib);
        } else if (errors.size() < 20) {
            errors.add(where + ": '" + (raw.length() > 40 ? raw.substring(0, 40) + "…" : raw)
                    + "' is not a 13-digit NIB");
        }
    }
}
