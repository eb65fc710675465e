package id.simpul.canonical;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * A status of a permit application as OSS knows it ({@code kd_status}, PIA Lampiran 10), with what
 * it does to the service-standard clock. Part of canonical model v1 ({@code permit-status.v1.json}).
 */
public record PermitStatus(
        String schema,
        int schemaVersion,
        String nib,
        String idIzin,
        String kdStatus,
        String statusName,
        SlaEffect slaEffect,
        String note,
        String officerName,
        String at,
        String source) {

    public static final String SCHEMA = "simpul.permit-status";
    /** receiveLicenseStatus' {@code tgl_status}: "YYYY-MM-DD HH:II:SS", local time in Jakarta (PIA). */
    private static final DateTimeFormatter PIA_TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.of("Asia/Jakarta"));

    /** What a status does to the SLA clock. */
    public enum SlaEffect {
        NONE,
        /** The clock stops (41 Konfirmasi Persyaratan, 43 Re-Konfirmasi, which also sets it back to zero). */
        STOP,
        /** The clock runs again (42; 44 from zero). */
        RESUME
    }

    /**
     * {@code instant} as {@link #at} must read: the mapping sends {@code at} to OSS as {@code tgl_status}
     * unchanged, so every status the hub raises (a target's, the exchange's own) takes its time from here.
     */
    public static String timestamp(Instant instant) {
        return PIA_TIMESTAMP.format(instant);
    }

    /** Builds a status with its name and SLA effect taken from the PIA's code list. */
    public static PermitStatus of(String nib, String idIzin, String kdStatus, String note, String officerName,
                                  String at, String source) {
        var entry = CodeLists.pia().list(CodeLists.STATUS_IZIN).flatMap(l -> l.entry(kdStatus));
        String name = entry.map(CodeLists.Entry::label).orElse(null);
        SlaEffect effect = entry.map(e -> slaEffectOf(e.description())).orElse(SlaEffect.NONE);
        return new PermitStatus(SCHEMA, 1, nib, idIzin, kdStatus, name, effect, note, officerName, at, source);
    }

    /**
     * Whether the status takes the SLA clock back to the start, so the time counted so far no longer counts:
     * 43 "Pemberhentian perhitungan SLA kembali ke awal" and 44 "Mulai kembali perhitungan SLA perizinan dari
     * awal" (Lampiran 10), read like {@link #slaEffectOf} from the guide's explanation. Not part of the
     * canonical message, whose {@code slaEffect} only says whether the clock stops or runs.
     */
    public static boolean restartsSlaClock(String kdStatus) {
        return CodeLists.pia().list(CodeLists.STATUS_IZIN).flatMap(l -> l.entry(kdStatus))
                .map(e -> e.description() == null ? "" : e.description().toLowerCase(Locale.ROOT))
                .filter(d -> d.contains("perhitungan sla") && d.contains("awal")).isPresent();
    }

    /** Read from the guide's own explanation: "Pemberhentian perhitungan SLA" / "Mulai kembali perhitungan SLA". */
    static SlaEffect slaEffectOf(String description) {
        String d = description == null ? "" : description.toLowerCase(Locale.ROOT);
        if (d.contains("pemberhentian perhitungan sla")) {
            return SlaEffect.STOP;
        }
        if (d.contains("mulai kembali perhitungan sla")) {
            return SlaEffect.RESUME;
        }
        return SlaEffect.NONE;
    }
}
