package id.simpul.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import id.simpul.support.CapturedLog;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.HttpMessageNotWritableException;

/**
 * A caller that hangs up mid-answer (seen: `curl … | head` on the trail) was logged as "API call failed" at
 * ERROR with a 60-line stack trace, as if the hub had failed.
 */
class ClientGoneTest {

    @Test
    void aCallerThatWentAwayMidAnswerIsNoErrorInTheLog() {
        var brokenPipe = new HttpMessageNotWritableException(
                "Could not write JSON: ServletOutputStream failed to write: java.io.IOException: Broken pipe",
                new IOException("Broken pipe"));
        try (CapturedLog log = CapturedLog.start()) {
            assertThat(new ApiErrors().unexpected(brokenPipe)).as("nothing to answer").isNull();
            assertThat(log.atLeast(Level.WARN)).isEmpty();
        }
    }

    @Test
    void anyOtherFailureIsStillTheHubsAndLoggedAsAnError() {
        try (CapturedLog log = CapturedLog.start()) {
            assertThat(new ApiErrors().unexpected(new IllegalStateException("store closed")).getStatusCode().value())
                    .isEqualTo(500);
            assertThat(log.atLeast(Level.ERROR)).hasSize(1);
        }
    }
}
