package io.regzoo.zoo.onednn;

import io.regzoo.data.MnistSample;
import io.regzoo.zoo.MlpClassifier;
import io.regzoo.zoo.MnistCnn;
import io.regzoo.zoo.ZooNetwork;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;

/**
 * A scratch measurement, not a test. (1) The zoo network as {@code init()} gives it (regzoo's
 * {@code InPlaceUpdater}) against the same network with DL4J's {@code MultiLayerUpdater}, trained by
 * {@code net.fit} on one fixed MNIST batch in alternating rounds (AB, BA, ...) in one JVM; prints
 * each round's ratio and the median. (2) The network's regularization score as the oneDNN layers
 * compute it ({@link PenaltyScore}) against DL4J's definition ({@code Regularization.score} of every
 * array), 2,000 calls each, alternating, 5 times.
 *
 * <p>Arguments: {@code model (mlp|cnn) batch rounds steps}.
 */
public final class UpdaterSpeed {

    private UpdaterSpeed() {}

    /**
     * @param args model, batch size, rounds, steps per round
     */
    public static void main(String[] args) {
        boolean mlp = args[0].equals("mlp");
        int batch = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        int steps = Integer.parseInt(args[3]);
        ZooNetwork zoo = mlp ? MlpClassifier.builder().seed(1).build() : MnistCnn.builder().seed(1).build();
        DataSet all = MnistSample.load().train().toDataSet();
        DataSet d = (DataSet) all.getRange(0, Math.min(batch, all.numExamples()));
        if (mlp) {
            d = new DataSet(d.getFeatures().reshape(d.numExamples(), 784), d.getLabels());
        }
        MultiLayerNetwork fast = zoo.init();
        MultiLayerNetwork plain = new MultiLayerNetwork(zoo.conf());
        plain.init();
        System.out.println("updaters: " + fast.getUpdater().getClass().getSimpleName() + " / " + plain.getUpdater().getClass().getSimpleName());
        DenseSpeed.time(fast, d, steps * 2);
        DenseSpeed.time(plain, d, steps * 2);
        double[] ratio = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            double tf;
            double tp;
            if (r % 2 == 0) {
                tf = DenseSpeed.time(fast, d, steps);
                tp = DenseSpeed.time(plain, d, steps);
            } else {
                tp = DenseSpeed.time(plain, d, steps);
                tf = DenseSpeed.time(fast, d, steps);
            }
            ratio[r] = tp / tf;
            System.out.printf("round %2d: InPlaceUpdater %8.0f, DL4J's %8.0f samples/s, speed-up %.3f%n", r + 1,
                    steps * batch / tf, steps * batch / tp, ratio[r]);
        }
        System.out.printf("median speed-up of the step: %.3f%n", DenseSpeed.median(ratio));
        for (int k = 0; k < 5; k++) {
            long t0 = System.nanoTime();
            double a = 0;
            for (int i = 0; i < 2000; i++) {
                a += fast.calcRegularizationScore(true);
            }
            long t1 = System.nanoTime();
            double b = 0;
            for (int i = 0; i < 2000; i++) {
                b += dl4jScore(fast);
            }
            long t2 = System.nanoTime();
            System.out.printf("penalty score: PenaltyScore %.1f us, DL4J's definition %.1f us per call (values %.6f / %.6f)%n",
                    (t1 - t0) / 2000e3, (t2 - t1) / 2000e3, a / 2000, b / 2000);
        }
    }

    private static double dl4jScore(MultiLayerNetwork net) {
        double sum = 0;
        for (Layer layer : net.getLayers()) {
            sum += PenaltyScoreTest.dl4jScore(layer);
        }
        return sum;
    }
}
