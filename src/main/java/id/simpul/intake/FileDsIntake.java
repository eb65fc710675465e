package id.simpul.intake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import id.simpul.canonical.PermitDocument;
import id.simpul.platform.json.ContentHash;
import id.simpul.platform.ledger.LedgerEntry;
import id.simpul.platform.ledger.SyncLedger;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;

/**
 * receiveFileDS: OSS tells us where the signed permit file is. Stored once per (id_izin, URL) and
 * shown in the permit's trail; a re-send is acknowledged and ignored.
 */
@Component("fileDsIntake")
public class FileDsIntake {

    private static final Logger log = LoggerFactory.getLogger(FileDsIntake.class);

    private final JdbcClient jdbc;
    private final SyncLedger ledger;
    private final Clock clock;

    public FileDsIntake(JdbcClient jdbc, SyncLedger ledger, Clock clock) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.clock = clock;
    }

    // The document and its trail event in one transaction: stored alone, a failed event would be lost
    // for good, since the redelivery finds the document and takes the message for a repeat.
    @Transactional
    public PermitDocument record(String body, @Header(OssInbound.RECEIVED_AT) String receivedAt,
                                 @Header(OssInbound.SOURCE) String source) {
        ObjectNode root = OssPayloadReader.read(body.getBytes(StandardCharsets.UTF_8));
        ObjectNode data = OssPayloadReader.requireData(root, OssOperation.RECEIVE_FILE_DS);
        PermitDocument document = new PermitDocument(PermitDocument.SCHEMA, 1,
                OssPayloadReader.text(data.get("nib")), OssPayloadReader.text(data.get("id_izin")),
                PermitDocument.SIGNED_PERMIT, OssPayloadReader.text(data.get("file_izin")), receivedAt);
        List<LedgerEntry> versions = ledger.byIdIzin(document.idIzin());
        LedgerEntry latest = versions.isEmpty() ? null : versions.get(versions.size() - 1);
        try {
            jdbc.sql("""
                    INSERT INTO permit_document (nib, id_izin, kind, file_url, url_hash, source, received_at)
                    VALUES (:nib, :idIzin, :kind, :url, :hash, :source, :at)""")
                    .param("nib", document.nib()).param("idIzin", document.idIzin()).param("kind", document.kind())
                    .param("url", document.fileUrl())
                    .param("hash", ContentHash.of(com.fasterxml.jackson.databind.node.TextNode.valueOf(document.fileUrl())))
                    .param("source", source == null ? "push" : source)
                    .param("at", Timestamp.from(receivedAt == null ? clock.instant() : Instant.parse(receivedAt)))
                    .update();
        } catch (DuplicateKeyException again) {
            // Nothing to keep, and PostgreSQL will not commit after a failed statement: end it with a rollback.
            TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
            log.info("OSS receiveFileDS id_izin={} repeated; already stored", document.idIzin());
            return document;
        }
        if (latest != null) {
            ledger.event(latest, "FILE_DS_RECEIVED", "signed permit file " + document.fileUrl());
        } else {
            ledger.orphanEvent(document.nib(), document.idIzin(), "FILE_DS_RECEIVED",
                    "signed permit file for a permit this hub has not received: " + document.fileUrl());
        }
        log.info("OSS receiveFileDS nib={} id_izin={} stored", document.nib(), document.idIzin());
        return document;
    }

    public List<PermitDocument> documents(String idIzin) {
        return jdbc.sql("SELECT * FROM permit_document WHERE id_izin = :idIzin ORDER BY id").param("idIzin", idIzin)
                .query((rs, n) -> new PermitDocument(PermitDocument.SCHEMA, 1, rs.getString("nib"),
                        rs.getString("id_izin"), rs.getString("kind"), rs.getString("file_url"),
                        rs.getTimestamp("received_at").toInstant().toString()))
                .list();
    }
}
