package id.simpul.mapping;

/** A mapping could not be compiled or applied. Permanent: the same input fails the same way again. */
public class MappingException extends RuntimeException {
    public MappingException(String message, Throwable cause) {
        super(message, cause);
    }
}
