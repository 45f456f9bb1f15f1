package io.regzoo.regularize;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.regzoo.RegzooException;

/**
 * JSON for the specs of this package ({@link Regularization}, {@link Optimizer},
 * {@link LrSchedule}): one configured Jackson mapper that rejects unknown keys and accepts enum
 * names in any case, and turns a bad value into a {@link RegzooException} naming the field.
 */
public final class SpecJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private SpecJson() {}

    /**
     * The shared mapper (thread-safe; do not reconfigure).
     *
     * @return the mapper
     */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Writes a spec as pretty JSON.
     *
     * @param spec the spec
     * @return its JSON
     */
    public static String toJson(Object spec) {
        try {
            return MAPPER.writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + spec.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /**
     * Reads a spec from JSON.
     *
     * @param json the JSON text
     * @param type the spec class
     * @param <T> the spec type
     * @return the spec
     * @throws RegzooException naming the offending field (unknown key, bad value, bad syntax)
     */
    public static <T> T fromJson(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (UnrecognizedPropertyException e) {
            throw new RegzooException("unknown key '" + e.getPropertyName() + "' in " + type.getSimpleName()
                    + " (known: " + e.getKnownPropertyIds() + ")", e);
        } catch (ValueInstantiationException e) {
            Throwable c = e.getCause() != null ? e.getCause() : e;
            throw new RegzooException(c.getMessage(), e);
        } catch (JsonProcessingException e) {
            throw new RegzooException("bad " + type.getSimpleName() + " JSON: " + e.getOriginalMessage()
                    + locationOf(e), e);
        }
    }

    private static String locationOf(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr() + ")";
    }
}
