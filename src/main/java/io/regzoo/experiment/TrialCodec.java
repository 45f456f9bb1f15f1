package io.regzoo.experiment;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.regzoo.RegzooException;
import io.regzoo.provenance.EnvironmentProvenance;
import io.regzoo.regularize.Regularization;
import io.regzoo.regularize.SpecJson;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * The one JSON codec of trial results ({@code results.jsonl} lines, the worker protocol's
 * messages): used by the runner's {@link ResultsStore}, the executors and the report's reader.
 *
 * <p>One NaN rule: non-finite numbers (a regressor's accuracies, a diverged trial's scores) are
 * written as JSON {@code null}; reading accepts {@code null}, the strings {@code "NaN"},
 * {@code "Infinity"}, {@code "-Infinity"} and the bare {@code NaN}/{@code Infinity} literals. Unknown
 * keys are ignored, enum values (status, stop reason) are read in any case. The regularization is
 * written as its {@link SpecJson} object.
 *
 * <p>Reads the older layout too, where the provenance was one string map ({@code data.}-prefixed
 * keys for the data, the machine's keys unprefixed, the optimizer and the regularization as JSON
 * text) rather than a {@link TrialProvenance} and the result's own regularization field.
 */
public final class TrialCodec {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .addModule(module())
            .build();

    private TrialCodec() {}

    /**
     * The mapper of this codec, for the values that travel with results (epoch metrics, sweep curves,
     * worker messages): thread-safe; do not reconfigure.
     *
     * @return the mapper
     */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * One result as one line of JSON (no line break).
     *
     * @param r the result
     * @return the JSON
     * @throws IllegalStateException when Jackson cannot write it (a bug)
     */
    public static String toJson(TrialResult r) {
        try {
            return MAPPER.writeValueAsString(r);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write trial " + r.trialId() + " as JSON", e);
        }
    }

    /**
     * Parses one line written by {@link #toJson}, or by an earlier version of regzoo.
     *
     * @param line the JSON text
     * @return the result
     * @throws JsonProcessingException when the text is not JSON, or not a trial result (no model,
     *     variant or status)
     */
    public static TrialResult fromJson(String line) throws JsonProcessingException {
        return fromTree(MAPPER.readTree(line));
    }

    /**
     * Reads a result from a parsed JSON object (see {@link #fromJson}).
     *
     * @param node the JSON object
     * @return the result
     * @throws JsonProcessingException when it is not a trial result
     */
    public static TrialResult fromTree(JsonNode node) throws JsonProcessingException {
        if (!(node instanceof ObjectNode o)) {
            throw JsonMappingException.from(MAPPER.getDeserializationContext(), "not a JSON object");
        }
        for (String required : new String[] {"model", "variant", "status"}) {
            if (!o.hasNonNull(required)) {
                throw JsonMappingException.from(MAPPER.getDeserializationContext(), "no " + required);
            }
        }
        ObjectNode n = o.deepCopy();
        migrateRegularization(n);
        migrateProvenance(n);
        try {
            return MAPPER.treeToValue(n, TrialResult.class);
        } catch (IllegalArgumentException e) {
            throw JsonMappingException.from(MAPPER.getDeserializationContext(), e.getMessage(), e);
        }
    }

    /** Older files: {@code provenance.regularization} is the spec as JSON text; it becomes the field. */
    private static void migrateRegularization(ObjectNode n) {
        JsonNode prov = n.get("provenance");
        if (!(prov instanceof ObjectNode p) || !p.has("regularization")) {
            return;
        }
        JsonNode old = p.remove("regularization");
        if (n.hasNonNull("regularization") || !old.isTextual() || old.asText().isBlank()) {
            return;
        }
        try {
            n.set("regularization", SpecJson.mapper().readTree(old.asText()));
        } catch (JsonProcessingException e) {
            // not JSON: the regularization stays unknown
        }
    }

    /**
     * Older files: the provenance is one string map, the data's keys prefixed {@code data.}, the
     * machine's unprefixed, the optimizer as JSON text; it becomes a {@link TrialProvenance}.
     */
    private static void migrateProvenance(ObjectNode n) {
        JsonNode prov = n.get("provenance");
        if (!(prov instanceof ObjectNode p) || p.get("environment") instanceof ObjectNode
                || p.get("data") instanceof ObjectNode) {
            return;
        }
        ObjectNode typed = MAPPER.createObjectNode();
        ObjectNode data = MAPPER.createObjectNode();
        ObjectNode env = MAPPER.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String k = e.getKey();
            if (k.startsWith("data.")) {
                data.set(k.substring("data.".length()), e.getValue());
            } else if (EnvironmentProvenance.KEYS.contains(k)) {
                env.set(k, e.getValue());
            } else if (k.equals("optimizer") && e.getValue().isTextual()) {
                try {
                    typed.set(k, SpecJson.mapper().readTree(e.getValue().asText()));
                } catch (JsonProcessingException x) {
                    // not JSON: the optimizer stays unknown
                }
            } else {
                typed.set(k, e.getValue());
            }
        }
        if (!data.isEmpty()) {
            typed.set("data", data);
        }
        if (!env.isEmpty()) {
            typed.set("environment", env);
        }
        n.set("provenance", typed);
    }

    private static SimpleModule module() {
        SimpleModule m = new SimpleModule("regzoo-trials");
        StdSerializer<Double> ser = new StdSerializer<>(Double.class) {
            private static final long serialVersionUID = 1L;

            @Override
            public void serialize(Double v, JsonGenerator g, SerializerProvider p) throws IOException {
                if (v == null || !Double.isFinite(v)) {
                    g.writeNull();
                } else {
                    g.writeNumber(v);
                }
            }
        };
        m.addSerializer(Double.class, ser);
        m.addSerializer(Double.TYPE, ser);
        m.addDeserializer(Double.class, new NanTolerantDouble(Double.class));
        m.addDeserializer(Double.TYPE, new NanTolerantDouble(Double.TYPE));
        m.addSerializer(Regularization.class, new StdSerializer<>(Regularization.class) {
            private static final long serialVersionUID = 1L;

            @Override
            public void serialize(Regularization r, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeTree(SpecJson.mapper().valueToTree(r));
            }
        });
        m.addDeserializer(Regularization.class, new StdDeserializer<>(Regularization.class) {
            private static final long serialVersionUID = 1L;

            @Override
            public Regularization deserialize(JsonParser p, DeserializationContext c) throws IOException {
                JsonNode tree = p.readValueAsTree();
                try {
                    return SpecJson.fromJson(tree.toString(), Regularization.class);
                } catch (RegzooException e) {
                    return null; // another version's spec this one cannot read: shown as unknown
                }
            }
        });
        return m;
    }

    /** A {@code double} from a number, a NaN/Infinity literal or string, or {@code null} (NaN). */
    private static final class NanTolerantDouble extends StdDeserializer<Double> {
        private static final long serialVersionUID = 1L;

        NanTolerantDouble(Class<?> type) {
            super(type);
        }

        @Override
        public Double deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken tok = p.currentToken();
            if (tok == JsonToken.VALUE_NUMBER_FLOAT || tok == JsonToken.VALUE_NUMBER_INT) {
                return p.getDoubleValue();
            }
            if (tok == JsonToken.VALUE_NULL) {
                return Double.NaN;
            }
            if (tok == JsonToken.VALUE_STRING) {
                String s = p.getText().trim();
                switch (s.toLowerCase(Locale.ROOT)) {
                    case "nan", "": return Double.NaN;
                    case "infinity", "+infinity", "inf", "+inf": return Double.POSITIVE_INFINITY;
                    case "-infinity", "-inf": return Double.NEGATIVE_INFINITY;
                    default:
                        try {
                            return Double.parseDouble(s);
                        } catch (NumberFormatException e) {
                            return (Double) ctxt.handleWeirdStringValue(Double.TYPE, s, "not a number");
                        }
                }
            }
            return (Double) ctxt.handleUnexpectedToken(Double.TYPE, p);
        }

        @Override
        public Double getNullValue(DeserializationContext ctxt) {
            return Double.NaN;
        }

        @Override
        public Object getAbsentValue(DeserializationContext ctxt) {
            return Double.NaN;
        }
    }
}
