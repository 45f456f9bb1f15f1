package io.regzoo.experiment;

import io.regzoo.RegzooException;
import io.regzoo.regularize.Optimizer;
import io.regzoo.zoo.LinearRegression;
import io.regzoo.zoo.MlpClassifier;
import io.regzoo.zoo.MlpRegressor;
import io.regzoo.zoo.ModelZoo;
import io.regzoo.zoo.ZooNetwork;

/** Builds a trial's network from the zoo, fitted to the data's shape. */
final class Networks {

    private Networks() {}

    /**
     * @param numFeatures input features, or ≤ 0 to keep the model's default
     * @param numLabels label columns, or ≤ 0 to keep the model's default
     */
    static ZooNetwork build(String model, Variant v, Optimizer experimentOptimizer, long seed, long numFeatures,
            int numLabels) {
        ZooNetwork.Builder<?> b = ModelZoo.builder(model);
        if (numFeatures > 0) {
            int nf = Math.toIntExact(numFeatures);
            if (b instanceof LinearRegression.Builder) {
                ((LinearRegression.Builder) b).inputs(nf);
            } else if (b instanceof MlpRegressor.Builder) {
                ((MlpRegressor.Builder) b).inputs(nf);
            } else if (b instanceof MlpClassifier.Builder) {
                ((MlpClassifier.Builder) b).inputs(nf);
            }
        }
        if (numLabels > 0 && b instanceof MlpClassifier.Builder) {
            ((MlpClassifier.Builder) b).classes(numLabels);
        }
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
