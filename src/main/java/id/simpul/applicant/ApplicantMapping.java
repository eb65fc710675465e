package id.simpul.applicant;

import id.simpul.canonical.PermitMessage;
import java.util.function.UnaryOperator;

/**
 * Canonical permit messages to source records. The OSS applicant's sourceRef is
 * {@code oss:<nib>:<P|O>:<pseudonym>}, where the pseudonym is the first 16 hex digits of a keyed hash of the
 * identity number (else the NPWP, else the name) — stable across re-sends of the same NIB, distinct when the
 * responsible person changes, and free of personal data in clear (sourceRefs appear in screens and logs).
 */
public final class ApplicantMapping {

    private final UnaryOperator<String> keyedHash;

    /** @param keyedHash a keyed hash (HMAC) of a value, e.g. {@code PiiProtector::hmac} */
    public ApplicantMapping(UnaryOperator<String> keyedHash) {
        this.keyedHash = keyedHash;
    }

    /** The applicant of a permit message as a source record, or null when the message carries none. */
    public SourceRecord fromPermitMessage(PermitMessage message) {
        PermitMessage.Applicant a = message.applicant();
        String system = message.source() == null || message.source().system() == null ? "oss"
                : message.source().system().toLowerCase(java.util.Locale.ROOT);
        String nib = a == null ? null
                : a.nib() != null ? a.nib() : message.business() == null ? null : message.business().nib();
        return fromApplicant(system, nib, a);
    }

    /**
     * The applicant of a permit an office registered in its own system (canonical local permit, same applicant
     * shape), as a source record of that system ({@code sicantik:<nib>:<P|O>:<pseudonym>}), or null without a name.
     */
    public SourceRecord fromLocalPermit(String system, String businessNib, PermitMessage.Applicant a) {
        return fromApplicant(system.toLowerCase(java.util.Locale.ROOT),
                a == null || a.nib() == null ? businessNib : a.nib(), a);
    }

    private SourceRecord fromApplicant(String system, String nib, PermitMessage.Applicant a) {
        if (a == null || a.name() == null || a.name().isBlank()) {
            return null;
        }
        ApplicantType type = ApplicantType.parse(a.type());
        // Identity type 01 is a KTP (NIK); a passport number (02) is not a NIK and must not be read as one.
        boolean ktp = a.identityType() == null || a.identityType().isBlank() || a.identityType().strip().equals("01")
                || a.identityType().strip().equals("1");
        String nik = ktp ? a.identityNumber() : null;
        String who = firstNonBlank(a.identityNumber(), a.npwp(), a.name());
        String sourceRef = system + ":" + (nib == null ? "-" : nib.strip()) + ":" + (type == ApplicantType.PERSON ? "P" : "O")
                + ":" + keyedHash.apply(who.strip().toUpperCase(java.util.Locale.ROOT)).substring(0, 16);
        PermitMessage.Address ad = a.address();
        SourceRecord.Address address = ad == null ? null : new SourceRecord.Address(
                ad.rtRw() == null || ad.rtRw().isBlank() ? ad.line() : (ad.line() == null ? "" : ad.line()) + " RT/RW " + ad.rtRw(),
                ad.village(), ad.district(), ad.regency(), ad.province(), ad.regionCode(), ad.postalCode());
        return new SourceRecord(sourceRef, type.name(), a.name(), nik, a.npwp(), nib, a.birthDate(), a.birthPlace(),
                a.gender(), address, a.phone(), a.email());
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return "";
    }
}
