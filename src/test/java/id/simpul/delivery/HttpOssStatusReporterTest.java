package id.simpul.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.simpul.platform.failure.PermanentFailureException;
import id.simpul.platform.failure.TransientFailureException;
import id.simpul.support.Fixtures;
import org.junit.jupiter.api.Test;

/** OSS replies are judged by the body's kode — number or string, whatever the root key's spelling. */
class HttpOssStatusReporterTest {

    @Test
    void kodeTwoHundredAsNumberOrStringUnderEitherSpellingIsAccepted() {
        assertThat(HttpOssStatusReporter.judge("receiveLicenseStatus", 200,
                "{\"responreceiveLicenseStatus\":{\"kode\":200,\"keterangan\":\"Sukses\",\"dataNIB\":{}}}").keterangan())
                .isEqualTo("Sukses");
        assertThat(HttpOssStatusReporter.judge("receiveLicenseStatus", 200,
                "{\"responreceiveStatusLicense\":{\"kode\":\"200\",\"keterangan\":\"\"}}").kode()).isEqualTo(200);
        assertThat(HttpOssStatusReporter.judge("receiveLicense", 200, "{\"kode\":\"200\"}").kode()).isEqualTo(200);
    }

    @Test
    void thePiasOwnExamplesAreJudgedAsTheGuideMeansThem() {
        // The PIA guide's own receiveLicenseStatus examples (success, and the error with kode 400).
        String success = Fixtures.text("delivery/oss-receiveLicenseStatus-success.json");
        assertThat(HttpOssStatusReporter.judge("receiveLicenseStatus", 200, success).kode()).isEqualTo(200);
        assertThatThrownBy(() -> HttpOssStatusReporter.judge("receiveLicenseStatus", 200,
                "{\"responreceiveLicenseStatus\":{\"kode\":400,\"keterangan\":\"Data izin tidak ditemukan\",\"dataNIB\":{}}}"))
                .isInstanceOf(PermanentFailureException.class).hasMessageContaining("kode 400")
                .hasMessageContaining("Data izin tidak ditemukan");
    }

    @Test
    void aRefusalInTheBodyIsPermanentEvenUnderHttpTwoHundred() {
        for (String kode : new String[] {"400", "401", "403", "404", "405"}) {
            assertThatThrownBy(() -> HttpOssStatusReporter.judge("receiveLicense", 200,
                    "{\"responreceiveLicense\":{\"kode\":\"" + kode + "\",\"keterangan\":\"x\"}}"))
                    .isInstanceOf(PermanentFailureException.class).hasMessageContaining("kode " + kode);
        }
    }

    @Test
    void ossFailingOrAnsweringWithoutAKodeIsTransient() {
        assertThatThrownBy(() -> HttpOssStatusReporter.judge("receiveLicense", 200,
                "{\"responreceiveLicense\":{\"kode\":500,\"keterangan\":\"Proses gagal\"}}"))
                .isInstanceOf(TransientFailureException.class).hasMessageContaining("kode 500");
        assertThatThrownBy(() -> HttpOssStatusReporter.judge("receiveLicense", 504,
                "{\"responreceiveLicense\":{\"kode\":504}}")).isInstanceOf(TransientFailureException.class);
        assertThatThrownBy(() -> HttpOssStatusReporter.judge("receiveLicense", 502, "<html>Bad Gateway</html>"))
                .isInstanceOf(TransientFailureException.class).hasMessageContaining("HTTP 502");
        assertThatThrownBy(() -> HttpOssStatusReporter.judge("receiveLicense", 200, ""))
                .isInstanceOf(TransientFailureException.class).hasMessageContaining("without a kode");
        assertThatThrownBy(() -> HttpOssStatusReporter.judge("receiveLicense", 401, "{\"message\":\"user_key salah\"}"))
                .isInstanceOf(PermanentFailureException.class).hasMessageContaining("HTTP 401");
    }
}
