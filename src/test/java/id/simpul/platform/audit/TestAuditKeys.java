package id.simpul.platform.audit;

import java.nio.charset.StandardCharsets;

/** Audit keys for tests that build an {@link AuditLog} themselves (the hub's comes from its data folder). */
public final class TestAuditKeys {

    public static final AuditKey KEY = new AuditKey("simpul-test-audit-key-0123456789".getBytes(StandardCharsets.US_ASCII));
    public static final AuditKey OTHER = new AuditKey("another-audit-key-abcdefghijklmn".getBytes(StandardCharsets.US_ASCII));

    private TestAuditKeys() {
    }
}
