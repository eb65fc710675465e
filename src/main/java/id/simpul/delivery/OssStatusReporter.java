package id.simpul.delivery;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Sends a permit's local progress back to OSS-RBA: {@code receiveLicenseStatus} (body root
 * {@code IZINSTATUS}) and {@code receiveLicense} ({@code IZINFINAL}). Implementations judge OSS's
 * reply by the body's {@code kode} and throw
 * {@link id.simpul.platform.failure.PermanentFailureException} (400, 401, 403, 404, 405) or
 * {@link id.simpul.platform.failure.TransientFailureException} (500, 504, no reply); retries are the
 * {@link FailurePolicy}'s job.
 *
 * <p>{@link OssConnectorStatusReporter} implements it with the OSS connector's client.
 */
public interface OssStatusReporter {

    /** OSS accepted (kode 200): its reply, as sent. */
    record OssReply(int kode, String keterangan, String body) {
    }

    OssReply reportStatus(JsonNode izinStatusBody);

    OssReply reportFinal(JsonNode izinFinalBody);
}
