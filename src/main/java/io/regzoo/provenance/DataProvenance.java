package io.regzoo.provenance;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a model's data came from. In JSON it keeps the flat form the data sources describe
 * themselves in ({@code source}, {@code task}, {@code sizes}, {@code sha256.train},
 * {@code md5.<file>}, ...), so files written before this type existed read unchanged.
 *
 * @param name the dataset's name (image datasets), or {@code null}
 * @param source where the examples came from (a directory, a cache, {@code synthetic:<name>})
 * @param task {@code classification} or {@code regression}, or {@code null}
 * @param dataSeed the seed synthetic data was generated with, or {@code null}
 * @param sizes the split sizes as the source wrote them, e.g. {@code train=32, validation=8, test=20}
 * @param checksums checksums of the files or arrays
 * @param other anything else the source recorded, by key
 */
public record DataProvenance(String name, String source, String task, Long dataSeed, String sizes,
        List<Checksum> checksums, Map<String, String> other) {

    private static final Pattern CHECKSUM = Pattern.compile("(md5|sha1|sha256|sha512|adler32)\\.(.+)");

    /**
     * Copies the collections.
     *
     * @param name see the record
     * @param source see the record
     * @param task see the record
     * @param dataSeed see the record
     * @param sizes see the record
     * @param checksums see the record
     * @param other see the record
     */
    public DataProvenance {
        checksums = checksums == null ? List.of() : List.copyOf(checksums);
        other = other == null ? Map.of() : Map.copyOf(other);
    }

    /**
     * One checksum.
     *
     * @param algorithm {@code md5}, {@code sha256}, ...
     * @param of what was summed: a file name, or {@code train}/{@code test} for in-memory arrays
     * @param hex the checksum in hex
     */
    public record Checksum(String algorithm, String of, String hex) {}

    /**
     * Reads the flat form a data source writes (and {@link #asMap()} returns).
     *
     * @param m the values by key
     * @return the provenance
     * @throws NumberFormatException when {@code dataSeed} is not a number
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static DataProvenance of(Map<String, String> m) {
        List<Checksum> sums = new ArrayList<>();
        Map<String, String> other = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(m).entrySet()) {
            Matcher c = CHECKSUM.matcher(e.getKey());
            if (c.matches()) {
                sums.add(new Checksum(c.group(1), c.group(2), e.getValue()));
            } else if (!List.of("name", "source", "task", "dataSeed", "sizes").contains(e.getKey())) {
                other.put(e.getKey(), e.getValue());
            }
        }
        String seed = m.get("dataSeed");
        return new DataProvenance(m.get("name"), m.get("source"), m.get("task"),
                seed == null || seed.isBlank() ? null : Long.valueOf(seed.trim()), m.get("sizes"), sums, other);
    }

    /**
     * The checksum of one file or array.
     *
     * @param algorithm e.g. {@code md5}
     * @param of e.g. {@code train-images-idx3-ubyte} or {@code train}
     * @return its hex, if recorded
     */
    public Optional<String> checksum(String algorithm, String of) {
        return checksums.stream().filter(c -> c.algorithm().equals(algorithm) && c.of().equals(of))
                .map(Checksum::hex).findFirst();
    }

    /** @return the flat form, sorted by key (the JSON of this record) */
    @JsonValue
    public Map<String, String> asMap() {
        Map<String, String> m = new java.util.TreeMap<>(other);
        put(m, "name", name);
        put(m, "source", source);
        put(m, "task", task);
        put(m, "dataSeed", dataSeed);
        put(m, "sizes", sizes);
        for (Checksum c : checksums) {
            m.put(c.algorithm() + "." + c.of(), c.hex());
        }
        return new LinkedHashMap<>(m);
    }

    private static void put(Map<String, String> m, String k, Object v) {
        if (v != null) {
            m.put(k, v.toString());
        }
    }
}
