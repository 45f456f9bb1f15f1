package io.regzoo.zoo.onednn;

import io.regzoo.data.MnistSample;
import io.regzoo.zoo.MlpClassifier;
import io.regzoo.zoo.MnistCnn;
import java.util.Arrays;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * A scratch measurement, not a test: the zoo MLP / CNN with regzoo's oneDNN dense layer against the
 * same network with DL4J's {@code DenseLayer} in its place (everything else unchanged), trained by
 * plain {@code net.fit} on one fixed batch, in interleaved rounds (ABBA) in one JVM.
 *
 * <p>Arguments: {@code model (mlp|cnn) batch rounds steps [only]}; prints each round and the
 * medians. With a fifth argument {@code only}, trains the oneDNN network alone (for a profiler).
 */
public final class DenseSpeed {

    private DenseSpeed() {}

    /** The zoo MLP ({@code mlp}) or CNN's default configuration, seed 1 (shared by the speed mains). */
    static MultiLayerConfiguration zooConf(boolean mlp) {
        return mlp ? MlpClassifier.builder().seed(1).build().conf() : MnistCnn.builder().seed(1).build().conf();
    }

    /** The same configuration with DL4J's {@code DenseLayer} wherever it has regzoo's {@link OneDnnDense}. */
    static MultiLayerConfiguration withDl4jDense(MultiLayerConfiguration conf) {
        return MultiLayerConfiguration.fromJson(conf.toJson()
                .replace("\"" + OneDnnDense.class.getName() + "\"", "\"" + DenseLayer.class.getName() + "\""));
    }

    /**
     * @param args model, batch size, rounds, steps per round
     */
    public static void main(String[] args) {
        String model = args[0];
        int batch = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        int steps = Integer.parseInt(args[3]);
        boolean mlp = model.equals("mlp");
        MultiLayerConfiguration conf = zooConf(mlp);
        MultiLayerConfiguration dl4jDense = withDl4jDense(conf);
        MultiLayerNetwork a = new MultiLayerNetwork(conf);
        a.init();
        MultiLayerNetwork b = new MultiLayerNetwork(dl4jDense);
        b.init();
        b.setParams(a.params());
        System.out.println("A: " + layerClasses(a));
        System.out.println("B: " + layerClasses(b));
        DataSet d = MnistSample.load().train().iterator(batch, 1).next();
        if (mlp) {
            INDArray f = d.getFeatures();
            d = new DataSet(f.reshape('c', f.size(0), f.length() / f.size(0)).dup(), d.getLabels());
        }
        int warm = Math.max(steps / 2, 5);
        if (args.length > 4 && args[4].equals("only")) {
            time(a, d, warm);
            double t = time(a, d, rounds * steps);
            System.out.printf("%s b%d oneDNN dense alone: %.3f ms/step%n", model, batch, 1000 * t / (rounds * steps));
            return;
        }
        time(a, d, warm);
        time(b, d, warm);
        double[] ra = new double[rounds];
        double[] rb = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            if (r % 2 == 0) {
                ra[r] = time(a, d, steps);
                rb[r] = time(b, d, steps);
            } else {
                rb[r] = time(b, d, steps);
                ra[r] = time(a, d, steps);
            }
            System.out.printf("round %d: oneDNN dense %.0f samples/s, DL4J dense %.0f samples/s, ratio %.3f%n",
                    r + 1, batch * steps / ra[r], batch * steps / rb[r], rb[r] / ra[r]);
        }
        double[] ratio = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            ratio[r] = rb[r] / ra[r];
        }
        System.out.printf("%s b%d, %d rounds x %d steps, median: oneDNN dense %.0f samples/s (%.3f ms/step), "
                + "DL4J dense %.0f samples/s (%.3f ms/step), median speed-up %.3fx%n",
                model, batch, rounds, steps, batch * steps / median(ra), 1000 * median(ra) / steps,
                batch * steps / median(rb), 1000 * median(rb) / steps, median(ratio));
    }

    static String layerClasses(MultiLayerNetwork net) {
        StringBuilder s = new StringBuilder();
        for (org.deeplearning4j.nn.api.Layer l : net.getLayers()) {
            s.append(l.getClass().getSimpleName()).append(' ');
        }
        return s.toString();
    }

    static double time(MultiLayerNetwork net, DataSet d, int steps) {
        long t = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            net.fit(d);
        }
        return (System.nanoTime() - t) / 1e9;
    }

    static double median(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
