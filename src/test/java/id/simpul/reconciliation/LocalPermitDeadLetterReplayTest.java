package id.simpul.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import id.simpul.delivery.local.LocalPermitIntake;
import id.simpul.delivery.local.LocalPermitPoller;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Where dead letters of the offices' own permits go back to: never to the OSS intake queue. */
class LocalPermitDeadLetterReplayTest {

    private static DeadLetter at(String step) {
        return new DeadLetter(1, null, LocalPermitIntake.FLOW, step, "banyuasin", null, null, "PERMANENT", null, "x", 1,
                "{\"targetId\":\"banyuasin\",\"item\":{\"no_permohonan\":\"2026113000001234\"}}", "{}", DeadLetter.WAITING,
                Instant.EPOCH, Instant.EPOCH, null, null, null);
    }

    @Test
    void anItemThatDidNotMapGoesBackToTheOwnPermitQueue() {
        assertThat(DeadLetterReplayer.destination(at(LocalPermitIntake.STEP))).isEqualTo(LocalPermitPoller.QUEUE);
    }

    @Test
    void aPageThatFailedWhileQueuedIsNotReplayedTheNextPollReadsItAgain() {
        assertThat(DeadLetterReplayer.destination(at(LocalPermitPoller.STEP))).isNull();
        assertThat(DeadLetterReplayer.replayable(at(LocalPermitPoller.STEP))).isFalse();
    }
}
