package dev.lanyard.setup;

/** A problem with an import file: which file, where in it (a JSON path such as $.apps[1].redirect_uris[0]), and what. */
public class ImportException extends RuntimeException {

    private final String source;
    private final String path;

    public ImportException(String source, String path, String problem) {
        super(source + ": " + path + ": " + problem, null, false, false);
        this.source = source;
        this.path = path;
    }

    public String source() {
        return source;
    }

    public String path() {
        return path;
    }
}
