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
     * Registers a permit application. The same {@link RegistrationRequest#idempotencyKey()} must
     * never create a second registration: send the key where the target supports one, otherwise look
     * the permit up before creating it.
     */
    TargetReceipt register(Target target, RegistrationRequest request);

    /** The target's outputs: its permits with their local status, for the back-sync to OSS. */
    default List<LocalStatus> outputs(Target target) {
        return List.of();
    }
}
