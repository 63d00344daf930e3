package dev.overcast.core.catalog;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** The rows of a CSV file with a header line, shipped on the classpath (the catalogs core carries). */
public final class CsvResource {
    private static final CsvMapper CSV = new CsvMapper();

    private CsvResource() {
    }

    /** Each row as header → value; a missing or unreadable resource is a packaging error. */
    public static List<Map<String, String>> rows(String resource) {
        try (InputStream in = CsvResource.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + resource);
            }
            MappingIterator<Map<String, String>> rows = CSV.readerForMapOf(String.class)
                    .with(CsvSchema.emptySchema().withHeader())
                    .readValues(in);
            return rows.readAll();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
