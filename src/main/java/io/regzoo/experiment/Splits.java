package io.regzoo.experiment;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * A dataset split three ways, in memory, with the provenance of where it came from.
 *
 * @param train the training examples (after the validation split)
 * @param validation the validation examples (possibly empty, never {@code null})
 * @param test the test examples
 * @param provenance where the data came from: at least {@code source}, {@code task}
 *     ({@code classification} or {@code regression}) and checksums
 */
public record Splits(DataSet train, DataSet validation, DataSet test, Map<String, String> provenance) {

    /** Provenance key: {@code classification} or {@code regression}. */
    public static final String TASK = "task";

    /**
     * Checks the components.
     *
     * @param train training examples
     * @param validation validation examples
     * @param test test examples
     * @param provenance provenance
     */
    public Splits {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(validation, "validation");
        Objects.requireNonNull(test, "test");
        provenance = Map.copyOf(provenance);
    }

    /** @return true when the task is classification (provenance {@code task}, else labels wider than 1) */
    public boolean isClassification() {
        String t = provenance.get(TASK);
        return t != null ? t.equals("classification") : train.getLabels().size(1) > 1;
    }

    /** @return the number of input features of one example (product of the non-batch dimensions) */
    public long numFeatures() {
        long[] s = train.getFeatures().shape();
        long n = 1;
        for (int i = 1; i < s.length; i++) {
            n *= s[i];
        }
        return n;
    }

    /** @return the number of label columns (classes for classification) */
    public int numLabels() {
        return (int) train.getLabels().size(1);
    }

    /**
     * A SHA-256 of a data set's features and labels (shapes and float values), for provenance.
     *
     * @param data the data set
     * @return lowercase hex SHA-256
     */
    public static String checksum(DataSet data) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            update(md, data.getFeatures());
            update(md, data.getLabels());
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static void update(MessageDigest md, INDArray a) {
        for (long d : a.shape()) {
            md.update(ByteBuffer.allocate(8).putLong(d).array());
        }
        float[] v = a.dup('c').data().asFloat();
        ByteBuffer b = ByteBuffer.allocate(v.length * 4);
        for (float f : v) {
            b.putFloat(f);
        }
        md.update(b.array());
    }

    /**
     * An empty data set (zero examples) with the same per-example feature and label shapes and data
     * types as {@code like}: the validation set when there is none.
     *
     * @param like a data set to take the shapes from
     * @return a data set with 0 examples
     */
    public static DataSet empty(DataSet like) {
        long[] fs = like.getFeatures().shape().clone();
        long[] ls = like.getLabels().shape().clone();
        fs[0] = 0;
        ls[0] = 0;
        return new DataSet(org.nd4j.linalg.factory.Nd4j.create(like.getFeatures().dataType(), fs),
                org.nd4j.linalg.factory.Nd4j.create(like.getLabels().dataType(), ls));
    }

    /**
     * These splits with features reshaped to a network's input shape when only the layout differs
     * (MNIST's {@code [n,1,28,28]} for an MLP's {@code [n,784]} and back); otherwise unchanged, and
     * the trainer's input check reports a real mismatch.
     *
     * @param net the network that will be trained on them
     * @return splits whose features fit {@code net}
     */
    public Splits shapedFor(io.regzoo.zoo.ZooNetwork net) {
        return new Splits(shaped(net, train), shaped(net, validation), shaped(net, test), provenance);
    }

    private static DataSet shaped(io.regzoo.zoo.ZooNetwork net, DataSet d) {
        long[] want = net.inputShape();
        long[] got = d.getFeatures().shape();
        long[] gotPerExample = java.util.Arrays.copyOfRange(got, 1, got.length);
        if (java.util.Arrays.equals(gotPerExample, want)
                || java.util.Arrays.stream(gotPerExample).reduce(1, (a, b) -> a * b)
                        != java.util.Arrays.stream(want).reduce(1, (a, b) -> a * b)) {
            return d;
        }
        long[] shape = new long[want.length + 1];
        shape[0] = got[0];
        System.arraycopy(want, 0, shape, 1, want.length);
        return new DataSet(d.getFeatures().reshape(shape), d.getLabels());
    }
}
