package id.simpul.platform.security;

import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Personal data sealed at rest in the payloads the hub stores (permit forms, dead letters, manual entries): every
 * writer of such a column seals through {@link #seal}, every reader opens through {@link #open}, and no SQL reads
 * inside one (docs/operations.md, "Personal data in the store itself"). The cipher and its key are the applicant
 * registry's ({@code applicant.pii.PayloadSeal}, keyed from the PII key), handed in by the configuration, since
 * platform code does not depend on the registry.
 */
public final class StoredPayloads {

    /** How a sealed value starts ({@code applicant.pii.PayloadSeal.PREFIX}): what no JSON text starts with. */
    public static final String SEALED_PREFIX = "sealed:v1:";

    private final UnaryOperator<String> seal;
    private final UnaryOperator<String> open;
    private final UnaryOperator<String> subjectHash;

    /**
     * @param seal        clear text to its stored form
     * @param open        a stored form (sealed, or clear from before sealing) to clear text
     * @param subjectHash a NIK to the registry's keyed hash of it (one NIK, one hash everywhere in the store)
     */
    public StoredPayloads(UnaryOperator<String> seal, UnaryOperator<String> open, UnaryOperator<String> subjectHash) {
        this.seal = Objects.requireNonNull(seal);
        this.open = Objects.requireNonNull(open);
        this.subjectHash = Objects.requireNonNull(subjectHash);
    }

    public String seal(String clear) {
        return clear == null ? null : seal.apply(clear);
    }

    public String open(String stored) {
        return isSealed(stored) ? open.apply(stored) : stored;
    }

    public static boolean isSealed(String stored) {
        return stored != null && stored.startsWith(SEALED_PREFIX);
    }

    /** The keyed hash by which a person's stored payloads are found without opening them. */
    public String subjectHash(String nik) {
        return subjectHash.apply(nik);
    }

    @Override
    public String toString() {
        return "StoredPayloads[key hidden]";
    }
}
