package id.simpul.g2g.query;

import id.simpul.g2g.G2gException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Where a page of permits ended: the last permit's update time (microseconds) and ledger id, the
 * sort key of the list. Opaque to agencies (base64url).
 */
public record PermitCursor(Instant updatedAt, long ledgerId) {

    private static final String VERSION = "p1";

    public String encode() {
        long micros = updatedAt.getEpochSecond() * 1_000_000L + updatedAt.getNano() / 1_000;
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((VERSION + ":" + micros + ":" + ledgerId).getBytes(StandardCharsets.US_ASCII));
    }

    public static PermitCursor decode(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII).split(":");
            if (parts.length != 3 || !VERSION.equals(parts[0])) {
                throw new IllegalArgumentException("unknown cursor version");
            }
            long micros = Long.parseLong(parts[1]);
            return new PermitCursor(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                    Math.floorMod(micros, 1_000_000L) * 1_000L), Long.parseLong(parts[2]));
        } catch (IllegalArgumentException e) {
            throw G2gException.badParameter("cursor", "cursor is not one this hub issued; start without it");
        }
    }
}
