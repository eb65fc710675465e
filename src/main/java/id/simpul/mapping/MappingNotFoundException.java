package id.simpul.mapping;

/** No mapping file exists for a message family (and no default): a configuration error, never retried. */
public class MappingNotFoundException extends MappingException {
    public MappingNotFoundException(String message) {
        super(message, null);
    }
}
