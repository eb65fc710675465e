package id.simpul.g2g.recommendation;

import id.simpul.canonical.PermitStatus;
import id.simpul.platform.ledger.LedgerEntry;

/**
 * Where a canonical {@link PermitStatus} produced by the exchange goes so that the status back-sync
 * reports it to OSS ({@code receiveLicenseStatus}): {@link StoredPermitStatuses} keeps it in
 * {@code g2g_permit_status}, hands it to the back-sync and writes a {@code STATUS_RECORDED} trail event.
 */
public interface PermitStatusSink {

    /** Records {@code status} for the permit version {@code entry}; false when this code was recorded before. */
    boolean record(LedgerEntry entry, PermitStatus status);
}
