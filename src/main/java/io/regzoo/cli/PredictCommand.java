package io.regzoo.cli;

import io.regzoo.RegzooException;
import io.regzoo.data.Mnist;
import io.regzoo.zoo.ModelCard;
import io.regzoo.zoo.ModelZoo;
import io.regzoo.zoo.Pretrained;
import io.regzoo.zoo.ZooNetwork;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code regzoo predict --model NAME FILE...}: classifies digit images with a pretrained model. */
@Command(name = "predict", description = {
        "Classify digits with a pretrained model: prints the predicted digit and the top-3 probabilities per image.",
        "FILE is a PNG/JPEG (any size; converted to 28x28 grayscale, inverted when the background is light) or an "
                + "IDX image file (every image; with --labels, also the accuracy)."})
final class PredictCommand implements Callable<Integer> {
    private static final int BATCH = 512;

    @Option(names = "--model", required = true, paramLabel = "NAME", description = "Pretrained model name (its card is <models-dir>/NAME.json).")
    private String model;

    @Option(names = "--models-dir", paramLabel = "DIR",
            description = "Models directory (default: -Dregzoo.models, else REGZOO_MODELS, else ./models).")
    private Path modelsDir;

    @Option(names = "--labels", paramLabel = "FILE", description = "IDX label file matching an IDX image FILE: print the accuracy.")
    private Path labels;

    @Option(names = "--quiet", description = "For IDX files, print only the summary line, not one line per image.")
    private boolean quiet;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Images (PNG/JPEG) or IDX image files (raw or .gz).")
    private List<Path> files;

    @Spec
    private CommandSpec spec;

    /** One image's prediction. */
    record Prediction(int digit, int[] top, double[] probability) {}

    @Override
    public Integer call() {
        Path dir = modelsDir != null ? modelsDir : Pretrained.modelsDir();
        ModelCard card = Pretrained.card(model, dir);
        MultiLayerNetwork net = Pretrained.load(card);
        long[] shape = ModelZoo.names().contains(card.model()) ? ModelZoo.defaults(card.model()).inputShape() : new long[] {1, 28, 28};
        List<Path> idx = new ArrayList<>();
        for (Path f : files) {
            if (java.nio.file.Files.isRegularFile(f) && Mnist.isIdxImageFile(f)) {
                idx.add(f);
            }
        }
        if (labels != null && idx.size() != 1) {
            throw new RegzooException("--labels needs exactly one IDX image FILE, got " + idx.size());
        }
        for (Path f : files) {
            if (idx.contains(f)) {
                predictIdx(net, shape, f);
            } else {
                Prediction p = predict(net, shape, new float[][] {DigitImages.read(f)}).get(0);
                spec.commandLine().getOut().println(f + ": " + format(p));
            }
        }
        spec.commandLine().getOut().flush();
        return 0;
    }

    private void predictIdx(MultiLayerNetwork net, long[] shape, Path f) {
        float[][] images = Mnist.readImageFile(f);
        int[] truth = labels == null ? null : Mnist.readLabelFile(labels);
        if (truth != null && truth.length != images.length) {
            throw new RegzooException(labels + " has " + truth.length + " labels but " + f + " has " + images.length + " images");
        }
        PrintWriter o = spec.commandLine().getOut();
        int correct = 0;
        for (int start = 0; start < images.length; start += BATCH) {
            float[][] batch = java.util.Arrays.copyOfRange(images, start, Math.min(images.length, start + BATCH));
            List<Prediction> ps = predict(net, shape, batch);
            for (int i = 0; i < ps.size(); i++) {
                int k = start + i;
                boolean ok = truth != null && truth[k] == ps.get(i).digit();
                correct += ok ? 1 : 0;
                if (!quiet) {
                    o.println(f.getFileName() + "[" + k + "]: " + format(ps.get(i))
                            + (truth == null ? "" : "   label " + truth[k] + (ok ? "" : "  WRONG")));
                }
            }
        }
        if (truth != null) {
            o.printf(Locale.ROOT, "%s: accuracy %.4f (%,d of %,d correct) with model %s%n", f, (double) correct / images.length,
                    correct, images.length, model);
        } else {
            o.printf(Locale.ROOT, "%s: %,d images classified with model %s%n", f, images.length, model);
        }
    }

    /**
     * Classifies images.
     *
     * @param net the network
     * @param exampleShape one example's shape, e.g. {@code [1,28,28]} or {@code [784]}
     * @param images rows of 784 pixels in [0, 1]
     * @return one prediction per image
     */
    static List<Prediction> predict(MultiLayerNetwork net, long[] exampleShape, float[][] images) {
        long[] shape = new long[exampleShape.length + 1];
        shape[0] = images.length;
        System.arraycopy(exampleShape, 0, shape, 1, exampleShape.length);
        INDArray x = Nd4j.create(images).reshape(shape);
        INDArray out = net.output(x, false);
        List<Prediction> ps = new ArrayList<>();
        for (int i = 0; i < images.length; i++) {
            double[] p = out.getRow(i).toDoubleVector();
            Integer[] order = new Integer[p.length];
            for (int j = 0; j < p.length; j++) {
                order[j] = j;
            }
            java.util.Arrays.sort(order, (a, b) -> Double.compare(p[b], p[a]));
            int k = Math.min(3, p.length);
            int[] top = new int[k];
            double[] prob = new double[k];
            for (int j = 0; j < k; j++) {
                top[j] = order[j];
                prob[j] = p[order[j]];
            }
            ps.add(new Prediction(top[0], top, prob));
        }
        return ps;
    }

    private static String format(Prediction p) {
        StringBuilder b = new StringBuilder().append(p.digit()).append("   top-3:");
        for (int j = 0; j < p.top().length; j++) {
            b.append(String.format(Locale.ROOT, "  %d %.1f%%", p.top()[j], 100 * p.probability()[j]));
        }
        return b.toString();
    }
}
