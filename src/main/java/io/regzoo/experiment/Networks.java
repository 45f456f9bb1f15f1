package io.regzoo.experiment;

import io.regzoo.RegzooException;
import io.regzoo.regularize.Optimizer;
import io.regzoo.zoo.ModelZoo;
import io.regzoo.zoo.ZooNetwork;

/** Builds a trial's network from the zoo, fitted to the data's shape. */
final class Networks {

    private Networks() {}

    /**
     * The zoo network {@code model} fitted to the data ({@link io.regzoo.zoo.ZooEntry#fitTo}) with a
     * variant's settings.
     *
     * @param exampleShape the shape of one example, or {@code null} to keep the model's default input
     * @param numLabels label columns of a classification dataset, or ≤ 0 to keep the model's default
     */
    static ZooNetwork build(String model, Variant v, Optimizer experimentOptimizer, long seed, long[] exampleShape,
            int numLabels) {
        ZooNetwork.Builder<?> b = ModelZoo.entry(model).fitTo(exampleShape, numLabels);
        b.seed(seed).regularization(v.regularization());
        Optimizer opt = v.optimizer() != null ? v.optimizer() : experimentOptimizer;
        if (opt != null) {
            b.optimizer(opt);
        }
        if (v.activation() != null) {
            b.activation(v.activation());
        }
        return b.build();
    }

    /** The shape of one example of the training split. */
    static long[] exampleShape(Splits data) {
        long[] s = data.train().getFeatures().shape();
        return java.util.Arrays.copyOfRange(s, 1, s.length);
    }

    /** Checks that a model's kind (classifier/regressor) fits the data's task. */
    static void checkTask(ZooNetwork net, Splits data, String datasetName) {
        if (net.isClassifier() != data.isClassification()) {
            throw new RegzooException("model " + net.name() + " is a " + (net.isClassifier() ? "classifier" : "regressor")
                    + " but dataset '" + datasetName + "' is " + (data.isClassification() ? "classification" : "regression"));
        }
        if (net.isClassifier() && net.numOutputs() != data.numLabels()) {
            throw new RegzooException("model " + net.name() + " has " + net.numOutputs() + " classes but dataset '"
                    + datasetName + "' has " + data.numLabels());
        }
    }
}
