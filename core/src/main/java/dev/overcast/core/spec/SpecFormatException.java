package dev.overcast.core.spec;

/** The spec could not be read at all: a missing file, or text that is not YAML/JSON. The message is one line. */
public class SpecFormatException extends RuntimeException {

    public SpecFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
