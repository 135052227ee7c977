package dev.lanyard.setup;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Applies {@code LANYARD_IMPORT} (a JSON file, or a folder of *.json files applied in name order) at start, after the
 * migrations. Every file is parsed before any is applied, so one bad file applies nothing.
 */
@ApplicationScoped
public class StartupImport {

    private static final Logger LOG = Logger.getLogger(StartupImport.class.getName());

    @Inject
    @ConfigProperty(name = "lanyard.import")
    Optional<String> importPath;

    @Inject
    DomainImporter importer;

    /** Throws {@link ImportException} for the first problem found; applies nothing then. */
    public void applyConfigured() {
        if (importPath.isEmpty() || importPath.get().isBlank()) {
            return;
        }
        Path path = Path.of(importPath.get());
        List<Path> files = files(path);
        SecretReferences secrets = SecretReferences.fromProcess();
        List<DomainSpec> specs = files.stream().map(f -> new ImportParser(f.toString(), secrets).parse(read(f))).toList();
        for (DomainSpec spec : specs) {
            DomainImporter.Report report = importer.apply(spec);
            LOG.info(() -> "Import of domain " + report.domainId() + " from " + path + ": " + (report.changedNothing()
                    ? "nothing changed" : report.created() + " created, " + report.updated() + " updated, " + report.deleted() + " deleted"));
        }
    }

    private static List<Path> files(Path path) {
        if (Files.isDirectory(path)) {
            try (Stream<Path> listing = Files.list(path)) {
                return listing.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
            } catch (IOException e) {
                throw new ImportException(path.toString(), "$", "the folder cannot be read");
            }
        }
        if (!Files.isRegularFile(path)) {
            throw new ImportException(path.toString(), "$", "no such file (LANYARD_IMPORT)");
        }
        return List.of(path);
    }

    private static String read(Path file) {
        try {
            if (Files.size(file) > 5_000_000) {
                throw new ImportException(file.toString(), "$", "larger than 5 MB");
            }
            return Files.readString(file);
        } catch (IOException e) {
            throw new ImportException(file.toString(), "$", "the file cannot be read");
        }
    }
}
