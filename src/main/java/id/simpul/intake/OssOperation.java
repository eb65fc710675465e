package id.simpul.intake;

import java.util.Arrays;
import java.util.Optional;

/**
 * The pushes OSS-RBA makes to a K/L/D receiver (PIA 4.3.22) and where each one keeps its data.
 * The NIB family shares one shape under different root keys; receiveFileDS carries the URL of a
 * signed permit file.
 */
public enum OssOperation {
    RECEIVE_NIB("receiveNIB", "dataNIB", Kind.NIB),
    RECEIVE_NIB_KKPR("receiveNIBKKPR", "dataNIB", Kind.NIB),
    RECEIVE_NIB_STPW("receiveNIBSTPW", "dataNIBSTPW", Kind.NIB),
    RECEIVE_NIB_PSE("receiveNIBPSE", "dataNIBPSE", Kind.NIB),
    RECEIVE_FILE_DS("receiveFileDS", "receiveFileDS", Kind.FILE_DS);

    public enum Kind {
        NIB,
        FILE_DS
    }

    private final String operation;
    private final String rootKey;
    private final Kind kind;

    OssOperation(String operation, String rootKey, Kind kind) {
        this.operation = operation;
        this.rootKey = rootKey;
        this.kind = kind;
    }

    public String operation() {
        return operation;
    }

    public String rootKey() {
        return rootKey;
    }

    public Kind kind() {
        return kind;
    }

    /** The PIA's reply root: {@code respon} + operation. */
    public String replyKey() {
        return "respon" + operation;
    }

    public static Optional<OssOperation> of(String operation) {
        return Arrays.stream(values()).filter(o -> o.operation.equals(operation)).findFirst();
    }
}
