package id.simpul.support;

/**
 * Which (field, mutation) pairs a bad-input sweep sends. Every mutation still reaches every operation or endpoint,
 * and every field still gets mutated, but each field gets only every {@code every}-th mutation, rotating from field
 * to field: the pairs are what made the sweeps the suite's slowest classes, and one kind of value (a 1 MiB string,
 * a wrong JSON type) fails the same way in the fields of one endpoint. {@code -Dsimpul.sweep.every=1} sends every
 * pair (docs/guidelines.md, "Bad-input sweeps"). Deterministic: a run that fails fails again.
 */
public final class SweepSample {

    /** 1 sends every pair; 3 sends a third of them. */
    public static final int EVERY = Integer.getInteger("simpul.sweep.every", 3);

    private SweepSample() {
    }

    /**
     * Whether the sweep sends mutation {@code mutation} (its index in the list of mutations) to field {@code field}
     * (its index among the {@code fields} fields of one endpoint). With fewer fields than {@link #EVERY}, a rotation
     * would leave mutations out, so every pair is sent.
     */
    public static boolean sends(int field, int fields, int mutation) {
        return EVERY <= 1 || fields < EVERY || (field + mutation) % EVERY == 0;
    }
}
