package id.simpul.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import id.simpul.intake.OssToken;
import id.simpul.simulator.OssPayloadGenerator;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Realistic, distinct {@code receiveNIB} pushes from the hub's own {@link OssPayloadGenerator}
 * (deterministic by seed), each with today's PIA token. Only region 1607 (Banyuasin), the region the
 * default target serves, so every push carries exactly one permit for the hub to deliver. Each push
 * gets its own generation time, one second apart, so the {@code id_izin}s (which embed that time)
 * are distinct across a burst of any size.
 */
public final class Pushes {

    public static final String USERNAME = "simulator";
    public static final String PASSWORD = "simulator-secret";

    /** One push: body as UTF-8 bytes, its NIB and token. */
    public record Push(byte[] body, String nib, String token) {
    }

    private Pushes() {
    }

    public static List<Push> generate(long seed, int count) {
        OssPayloadGenerator generator = new OssPayloadGenerator(seed, List.of("1607"));
        LocalDate today = ZonedDateTime.now(OssToken.JAKARTA).toLocalDate();
        // Distinct bases per seed keep bursts of different benchmarks from sharing id_izin values.
        LocalDateTime base = LocalDateTime.of(2026, 1, 1, 0, 0).plusDays(seed % 3000 * 40);
        List<Push> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ObjectNode root = generator.nextReceiveNib(base.plusSeconds(i));
            String nib = root.path("dataNIB").path("nib").asText();
            out.add(new Push(root.toString().getBytes(StandardCharsets.UTF_8), nib,
                    OssToken.compute(USERNAME, PASSWORD, nib, today)));
        }
        return out;
    }
}
