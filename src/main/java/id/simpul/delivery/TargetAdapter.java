package id.simpul.delivery;

import id.simpul.platform.SimpulProperties.Target;

/**
 * One flavour of local permit system. Adapters throw
 * {@link id.simpul.platform.failure.TransientFailureException} or
 * {@link id.simpul.platform.failure.PermanentFailureException}, classified by {@link FailureClassifier}.
 */
public interface TargetAdapter {

    /** The flavour name used in configuration ({@code simpul.targets[].flavour}). */
    String flavour();

    TargetReceipt register(Target target, RegistrationRequest request);
}
