package io.regzoo.zoo.onednn;

import io.regzoo.data.MnistSample;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * A scratch measurement, not a test: the zoo MLP / CNN with regzoo's one-pass output layer
 * ({@link OneDnnOutput}, products on oneDNN; and the same layer with its products through
 * {@code Nd4j.gemm}) against the same network with DL4J's {@code OutputLayer} in its place
 * (everything else unchanged), trained by plain {@code net.fit} on one fixed batch, in rounds that
 * alternate the order (ABC, CBA, ...) in one JVM.
 *
 * <p>Arguments: {@code model (mlp|cnn) batch rounds steps [dl4jdense|plain|onednn [solo]]}; prints each round (with the
 * JVM's heap in use and JavaCPP's physical-bytes count after it) and the medians. With
 * {@code dl4jdense} every network's dense layers are DL4J's {@code DenseLayer}, with {@code plain}
 * all layers and the updater are DL4J's; with a sixth argument {@code 0}, {@code 1} or {@code 2},
 * only that network trains, alone.
 */
public final class OutputSpeed {

    private OutputSpeed() {}

    /**
     * @param args model, batch size, rounds, steps per round
     */
    public static void main(String[] args) {
        String model = args[0];
        int batch = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        int steps = Integer.parseInt(args[3]);
        boolean mlp = model.equals("mlp");
        MultiLayerConfiguration conf = DenseSpeed.zooConf(mlp);
        if (args.length > 4 && args[4].equals("dl4jdense")) {
            conf = DenseSpeed.withDl4jDense(conf);
        }
        if (args.length > 4 && args[4].equals("plain")) { // DL4J's classes only (FusedAdam too), to look for leaks
            conf = OneDnnLayers.toDl4j(conf);
        }
        MultiLayerConfiguration dl4jOutput = MultiLayerConfiguration.fromJson(conf.toJson()
                .replace("\"" + OneDnnOutput.class.getName() + "\"", "\"" + OutputLayer.class.getName() + "\""));
        MultiLayerNetwork[] nets = {new MultiLayerNetwork(conf), new MultiLayerNetwork(conf), new MultiLayerNetwork(dl4jOutput)};
        String[] names = {"one-pass/oneDNN", "one-pass/gemm", "DL4J OutputLayer"};
        for (MultiLayerNetwork n : nets) {
            n.init();
            n.setParams(nets[0].params());
        }
        if (nets[1].getOutputLayer() instanceof OneDnnOutputImpl) {
            ((OneDnnOutputImpl) nets[1].getOutputLayer()).setOneDnnProducts(false);
        }
        for (int i = 0; i < nets.length; i++) {
            System.out.println(names[i] + ": " + DenseSpeed.layerClasses(nets[i]));
        }
        DataSet d = MnistSample.load().train().iterator(batch, 1).next();
        if (mlp) {
            INDArray f = d.getFeatures();
            d = new DataSet(f.reshape('c', f.size(0), f.length() / f.size(0)).dup(), d.getLabels());
        }
        int warm = Math.max(steps / 2, 5);
        for (MultiLayerNetwork n : nets) {
            DenseSpeed.time(n, d, warm);
        }
        int solo = args.length > 5 ? Integer.parseInt(args[5]) : -1;
        if (solo >= 0) { // one network alone, for leaks and profiles
            for (int r = 0; r < rounds; r++) {
                double s = DenseSpeed.time(nets[solo], d, steps);
                Runtime rt = Runtime.getRuntime();
                System.out.printf("round %d: %s alone %.0f samples/s; heap in use %.0f MB, JavaCPP physical bytes %.0f MB%n",
                        r + 1, names[solo], batch * steps / s, (rt.totalMemory() - rt.freeMemory()) / 1e6,
                        org.bytedeco.javacpp.Pointer.physicalBytes() / 1e6);
            }
            return;
        }
        double[][] t = new double[nets.length][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < nets.length; k++) {
                int i = r % 2 == 0 ? k : nets.length - 1 - k;
                t[i][r] = DenseSpeed.time(nets[i], d, steps);
            }
            System.out.printf("round %d: %s %.0f, %s %.0f, %s %.0f samples/s; DL4J/one-pass %.3f, DL4J/gemm %.3f%n", r + 1,
                    names[0], batch * steps / t[0][r], names[1], batch * steps / t[1][r], names[2], batch * steps / t[2][r],
                    t[2][r] / t[0][r], t[2][r] / t[1][r]);
            Runtime rt = Runtime.getRuntime();
            System.out.printf("  heap in use %.0f MB, JavaCPP physical bytes %.0f MB, total bytes %.0f MB%n",
                    (rt.totalMemory() - rt.freeMemory()) / 1e6, org.bytedeco.javacpp.Pointer.physicalBytes() / 1e6,
                    org.bytedeco.javacpp.Pointer.totalBytes() / 1e6);
        }
        double[] ratio = new double[rounds];
        double[] ratioGemm = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            ratio[r] = t[2][r] / t[0][r];
            ratioGemm[r] = t[2][r] / t[1][r];
        }
        System.out.printf("%s b%d, %d rounds x %d steps, median samples/s: %s %.0f (%.3f ms/step), %s %.0f, %s %.0f (%.3f ms/step); "
                + "median speed-up %.3fx (oneDNN products), %.3fx (gemm products)%n",
                model, batch, rounds, steps, names[0], batch * steps / DenseSpeed.median(t[0]), 1000 * DenseSpeed.median(t[0]) / steps,
                names[1], batch * steps / DenseSpeed.median(t[1]), names[2], batch * steps / DenseSpeed.median(t[2]), 1000 * DenseSpeed.median(t[2]) / steps,
                DenseSpeed.median(ratio), DenseSpeed.median(ratioGemm));
    }
}
