package id.simpul.support;

import id.simpul.applicant.pii.PayloadSeal;
import id.simpul.applicant.pii.PiiProtector;
import id.simpul.platform.security.StoredPayloads;

/** The seal of stored payloads as the hub wires it, under a fixed test PII key. */
public final class TestPayloads {

    /** The PII key of every test store built without the hub (32 bytes of 7). */
    public static final PiiProtector PII = new PiiProtector(key());

    private TestPayloads() {
    }

    public static StoredPayloads sealed() {
        PayloadSeal seal = PII.payloadSeal();
        return new StoredPayloads(seal::seal, seal::open, PII::hmac);
    }

    private static byte[] key() {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, (byte) 7);
        return key;
    }
}
