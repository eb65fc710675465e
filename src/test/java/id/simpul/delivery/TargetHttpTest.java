package id.simpul.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.simpul.platform.failure.PermanentFailureException;
import id.simpul.platform.failure.TransientFailureException;
import id.simpul.support.Fixtures;
import org.junit.jupiter.api.Test;

class TargetHttpTest {

    private static final String NIK = "1607111204780003";
    private static final String PHONE = "081277889900";

    @Test
    void aFailureNamesStatusSizeAndReasonCodeButNoneOfTheRepliesText() {
        String body = Fixtures.text("delivery/target-refusal-with-personal-data.json");

        assertThat(TargetHttp.failure("sicantik", 422, body))
                .isInstanceOf(PermanentFailureException.class)
                .hasMessage("sicantik answered HTTP 422 (" + body.length() + " characters, code NIK_MISMATCH)");
    }

    @Test
    void aReasonCodeThatCouldBeANikOrAPhoneNumberIsLeftOut() {
        assertThat(TargetHttp.failure("sicantik", 503, "{\"code\":\"" + NIK + "\"}").getMessage()).doesNotContain(NIK);
        assertThat(TargetHttp.failure("sicantik", 503, "{\"kode\":\"" + PHONE + "\"}").getMessage()).doesNotContain(PHONE);
        assertThat(TargetHttp.failure("sicantik", 503, "{\"kode\":\"Budi " + PHONE + "\"}").getMessage())
                .doesNotContain("Budi").endsWith(" characters)");
        assertThat(TargetHttp.failure("sicantik", 400, "{\"kode\":400}").getMessage()).endsWith("code 400)");
    }

    @Test
    void aRegistrationReplyThatIsNotJsonIsReportedByPositionNotContent() {
        assertThatThrownBy(() -> SiCantikClient.readable("sicantik", "<html>NIK " + NIK + " salah</html>"))
                .isInstanceOf(TransientFailureException.class)
                .hasMessageContaining("at line 1, column")
                .hasMessageNotContaining(NIK);
    }

    @Test
    void aRefusedRegistrationIsReportedWithoutTheTargetsMessage() {
        String body = Fixtures.text("delivery/target-refusal-with-personal-data.json");

        assertThatThrownBy(() -> SiCantikClient.receipt("sicantik", 200, body))
                .isInstanceOf(PermanentFailureException.class)
                .hasMessageContaining("code NIK_MISMATCH")
                .hasMessageNotContaining(NIK)
                .hasMessageNotContaining(PHONE);
    }

    @Test
    void anUnreadableBackofficeListIsReportedByPositionNotContent() {
        assertThatThrownBy(() -> BackofficeClient.parseList("backoffice", "<list><nik>" + NIK + "</nik>"))
                .isInstanceOf(TransientFailureException.class)
                .hasMessageContaining("at line 1")
                .hasMessageNotContaining(NIK);
    }
}
