package id.simpul.delivery;

import id.simpul.platform.SimpulProperties.Target;
import java.util.List;

/**
 * One flavour of local permit system. Adapters throw
 * {@link id.simpul.platform.failure.TransientFailureException} or
 * {@link id.simpul.platform.failure.PermanentFailureException} (classified by
 * {@link id.simpul.platform.connector.FailureClassifier}); retries, circuit breaking and rate
 * limiting are the {@link FailurePolicy}'s job, not the adapter's. Every adapter passes
 * {@code TargetAdapterContractTest}.
 */
public interface TargetAdapter {

    /** The flavour name used in configuration ({@code simpul.targets[].flavour}). */
    String flavour();

    /** False for offices whose system accepts no writes: their permits go to the manual-entry queue. */
    default boolean acceptsWrites() {
        return true;
    }

    /**
     * True when the target itself answers the same {@link RegistrationRequest#idempotencyKey()} with the
     * same registration, however many requests carrying it arrive at once (an {@code Idempotency-Key}
     * header). False, the default, for a target that knows no key: its adapter looks the permit up
     * before creating it, which is safe only one attempt at a time, so the hub takes a lease on the
     * permit version before each attempt (ADR 0005).
     */
    default boolean idempotentByKey() {
        return false;
    }

    /**
     * Registers a permit application. The same {@link RegistrationRequest#idempotencyKey()} must
     * never create a second registration: send the key where the target supports one, otherwise look
     * the permit up before creating it (and say so with {@link #idempotentByKey()} false).
     */
    TargetReceipt register(Target target, RegistrationRequest request);

    /** The target's outputs: its permits with their local status, for the back-sync to OSS. */
    default List<LocalStatus> outputs(Target target) {
        return List.of();
    }
}
