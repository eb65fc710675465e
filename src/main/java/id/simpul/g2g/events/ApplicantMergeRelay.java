package id.simpul.g2g.events;

import id.simpul.applicant.MergeEvent;
import id.simpul.reconciliation.applicant.ApplicantMergedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hands the applicant registry's merges to G2G: the retired id gets its alias and agencies hear
 * {@code ApplicantMerged}.
 * <p>
 * The registry publishes {@link ApplicantMergedEvent} only after its own flush has committed the merge,
 * on a connection of its own outside any Spring transaction, so every event is of a stored merge. A
 * plain {@link EventListener} therefore: a {@code @TransactionalEventListener} would tie the alias to
 * whatever unrelated transaction the caller happens to be in (and with none, as for a review decision,
 * drop the event). For the same reason the alias and the outbox row get a transaction of their own:
 * a caller's rollback (an intake message going back to the broker) must not undo them while the
 * merge stays stored.
 */
@Component
public class ApplicantMergeRelay {

    private final EventPublisher events;
    private final TransactionTemplate ownTransaction;

    public ApplicantMergeRelay(EventPublisher events, PlatformTransactionManager transactions) {
        this.events = events;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @EventListener
    public void merged(ApplicantMergedEvent event) {
        MergeEvent merge = event.merge();
        ownTransaction.executeWithoutResult(status ->
                events.applicantMerged(merge.survivorId(), merge.retiredId(), merge.cause()));
    }
}
