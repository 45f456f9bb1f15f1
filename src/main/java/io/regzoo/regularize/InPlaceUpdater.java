package io.regzoo.regularize;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.MultiLayerUpdater;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's {@link MultiLayerUpdater}, taking its own fast path for a network's own gradient: the same
 * updater blocks, state, regularization and arithmetic, with the per-step view creation left out.
 *
 * <p>Why: {@code MultiLayerUpdater.update} treats a gradient as "external" (computed by another
 * network) when {@code gradient.gradient()} is not the very array object of the network's flattened
 * gradient view. In DL4J 1.0.0-M2.1 {@code DefaultGradient.gradient()} always returns a new reshaped
 * view of that array, so every step of every network takes the external path: each variable's
 * parameter and gradient views, the minibatch-division subsets and each block's view are created
 * anew (about 30 view creations per step for the MLP, 5–6% of its step; docs/PERFORMANCE.md). Both
 * paths read and write the same memory with the same ops: this class only hands DL4J the network's own
 * view object when the gradient lies exactly in that memory, so DL4J's standard path, with views it
 * made once, runs. Training results are the same bit for bit ({@code InPlaceUpdaterTest}).
 *
 * <pre>{@code
 * MultiLayerNetwork net = new MultiLayerNetwork(conf);
 * net.init();
 * InPlaceUpdater.install(net); // before or after loading updater state; keeps the state
 * }</pre>
 *
 * <p>Every {@value Subnormals#EVERY} updates it also stores 0 for subnormal parameters ({@link Subnormals}):
 * weights that regularization shrinks to below {@code 1.2e-38} would slow every later step.
 *
 * <p>Not saved with a model: a network loaded with {@code ModelSerializer} has DL4J's updater again
 * (regzoo's zoo installs this one in {@code init()}). {@code -D}{@value #DISABLE_PROPERTY}{@code =true}
 * makes {@link #install} leave DL4J's updater in place.
 */
public final class InPlaceUpdater extends MultiLayerUpdater {

    private static final long serialVersionUID = 1L;

    /** System property; {@code true} makes {@link #install} a no-op (DL4J's updater as it is). */
    public static final String DISABLE_PROPERTY = "regzoo.inplaceupdater.disable";

    private final transient Subnormals subnormals = new Subnormals();
    private transient long flushedParams;
    private transient long updates;

    /** Steps that took DL4J's own-gradient path through this class (for tests). */
    private transient long ownViewSteps;

    private InPlaceUpdater(MultiLayerNetwork network, INDArray updaterState) {
        super(network, updaterState);
    }

    /** @return how many updates were handed the network's own gradient view */
    long ownViewSteps() {
        return ownViewSteps;
    }

    /**
     * Replaces the network's updater with this one, keeping its state array (the same array, not a
     * copy; a new, initialized one when the network has none yet). Does nothing if the updater already
     * is one, or when {@value #DISABLE_PROPERTY} is set.
     *
     * @param net an initialized network
     * @return {@code net}
     * @throws IllegalStateException if the network is not initialized
     */
    public static MultiLayerNetwork install(MultiLayerNetwork net) {
        if (Boolean.getBoolean(DISABLE_PROPERTY)) {
            return net;
        }
        if (net.getLayers() == null) {
            throw new IllegalStateException("initialize the network (net.init()) before installing its updater");
        }
        Updater current = net.getUpdater(false);
        if (current instanceof InPlaceUpdater) {
            return net;
        }
        INDArray state = current == null ? null : current.getStateViewArray();
        net.setUpdater(new InPlaceUpdater(net, state));
        return net;
    }

    /**
     * As DL4J's, with the network's own flattened gradient view object passed on when
     * {@code gradient} lies exactly in its memory (which DL4J's {@code isExternal} test misses).
     */
    @Override
    public synchronized void update(Gradient gradient, int iteration, int epoch, int batchSize,
            LayerWorkspaceMgr workspaceMgr) {
        INDArray own = getFlattenedGradientsView();
        INDArray flat = gradient.gradient();
        if (flat != own && own != null && sameMemory(flat, own)) {
            gradient = new OwnView(gradient, own);
            ownViewSteps++;
        }
        // the previous step's parameters, before regularization reads them; a weight set to 0 with no
        // data gradient stays 0 (its Adam moments are flushed as well)
        if (updates++ % Subnormals.EVERY == 0) {
            flushedParams += subnormals.flush(network.params());
        }
        super.update(gradient, iteration, epoch, batchSize, workspaceMgr);
    }

    /** @return how many parameter values {@link Subnormals} set to 0 so far (for tests) */
    long flushedParams() {
        return flushedParams;
    }

    /** @return whether both arrays are the same elements of the same buffer, in the same order */
    static boolean sameMemory(INDArray a, INDArray b) {
        return a.length() == b.length() && a.dataType() == b.dataType()
                && a.data().address() + a.offset() * a.data().getElementSize()
                        == b.data().address() + b.offset() * b.data().getElementSize()
                && a.elementWiseStride() == 1 && b.elementWiseStride() == 1;
    }

    /** A gradient whose flattened form is the network's own view object; all else delegated. */
    private static final class OwnView implements Gradient {
        private static final long serialVersionUID = 1L;
        private final Gradient inner;
        private final INDArray own;

        OwnView(Gradient inner, INDArray own) {
            this.inner = inner;
            this.own = own;
        }

        @Override
        public Map<String, INDArray> gradientForVariable() {
            return inner.gradientForVariable();
        }

        @Override
        public INDArray gradient(List<String> order) {
            return inner.gradient(order);
        }

        @Override
        public INDArray gradient() {
            return own;
        }

        @Override
        public void clear() {
            inner.clear();
        }

        @Override
        public INDArray getGradientFor(String variable) {
            return inner.getGradientFor(variable);
        }

        @Override
        public INDArray setGradientFor(String variable, INDArray gradient) {
            return inner.setGradientFor(variable, gradient);
        }

        @Override
        public INDArray setGradientFor(String variable, INDArray gradient, Character flatteningOrder) {
            return inner.setGradientFor(variable, gradient, flatteningOrder);
        }

        @Override
        public Character flatteningOrderForVariable(String variable) {
            return inner.flatteningOrderForVariable(variable);
        }
    }
}
