import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.rapaio.jupyter.kernel.MainApp;
import org.rapaio.jupyter.kernel.channels.Channels;
import org.rapaio.jupyter.kernel.channels.LoopThread;
import org.rapaio.jupyter.kernel.core.ConnectionProperties;
import org.rapaio.jupyter.kernel.core.Transform;

/**
 * Starts rapaio-jupyter-kernel 3.0.1 as its own {@code MainApp} does, minus two start-up races
 * that leave a cold-started kernel that never answers ("Kernel didn't respond in 60 seconds").
 * notebooks-java/README.md ("Why a cold start sometimes hung") tells how they were found.
 *
 * <ol>
 * <li>{@code LoopThread.start()} calls {@code Thread.start()} first and sets its {@code running}
 *     flag afterwards. When the new thread is scheduled before the flag is set (likely on a busy
 *     machine) its {@code while (running)} loop ends at once, silently: that socket (heartbeat,
 *     shell or control) is never served. Here every loop thread is stopped after binding, waited
 *     for, and replaced by one whose flag is set before it starts.</li>
 * <li>{@code Channels.connect()} binds the shell socket and only afterwards creates its
 *     message-handler map. Jupyter sends {@code kernel_info_request} as soon as the process is
 *     started; one that arrives in between kills the shell thread with a NullPointerException.
 *     Here the map is an empty one before binding: an early request is logged as unhandled and
 *     Jupyter's next {@code kernel_info_request} (it sends one a second) is answered.</li>
 * </ol>
 *
 * <p>It also evaluates the kernel's start-up imports one by one and declares {@code display(...)}
 * without a result (see {@link #prepareShell()}).
 *
 * <p>Run with Java's source launcher: {@code java -cp rapaio-jupyter-kernel-3.0.1.jar
 * KernelLauncher.java CONNECTION_FILE}. The fields it reaches by reflection are those of 3.0.1; a
 * kernel version without them fails here, at start-up, with {@code NoSuchFieldException}.
 */
public final class KernelLauncher {

    /** The channels that serve their socket from a {@code LoopThread} (iopub and stdin have none). */
    private static final List<String> LOOPING_CHANNELS = List.of("heartbeat", "shell", "control");

    private KernelLauncher() {}

    /**
     * Starts the kernel on Jupyter's connection file and returns when the kernel is shut down.
     *
     * @param args the connection file Jupyter wrote ({@code {connection_file}} in kernel.json)
     * @throws Exception when the file cannot be read, the sockets cannot be bound or the kernel's
     *     internals are not those of 3.0.1
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: KernelLauncher CONNECTION_FILE");
        }
        // The kernel logs every socket and message at INFO; keep warnings unless asked for more.
        Logger.getLogger("").setLevel(Level.parse(System.getProperty("rjk.log", "WARNING")));
        ConnectionProperties props = Transform.fromJson(Files.readString(Path.of(args[0])), ConnectionProperties.class);
        Channels channels = new Channels(props);
        field(Channels.class, "handlers").set(channels, new ConcurrentHashMap<>());
        prepareShell();
        channels.connect(MainApp.kernel);
        for (String name : LOOPING_CHANNELS) {
            restartLoop(field(Channels.class, name).get(channels));
        }
        channels.joinUntilClose();
        // DL4J, AWT and JShell leave non-daemon threads behind; the kernel is done, so is the JVM.
        System.exit(0);
    }

    /**
     * Evaluates the kernel's start-up imports ({@code init.jshell}) again, one snippet each. The
     * kernel evaluates the whole file as one snippet, so a notebook that imports one of them
     * again (say {@code import java.util.*;}) replaces that snippet and with it the static import
     * of {@code display(...)}: "cannot find symbol: method display". One snippet per import keeps
     * the others when one is re-imported.
     */
    private static void prepareShell() throws java.io.IOException {
        jdk.jshell.JShell shell = MainApp.kernel.javaEngine().getShell();
        try (var in = MainApp.class.getClassLoader().getResourceAsStream("init.jshell")) {
            for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                if (line.strip().startsWith("import ")) {
                    shell.eval(line.strip());
                }
            }
        }
        // Global.display returns the display id, which a cell ending in display(chart); would show
        // as its result; these void ones (declared in the shell, so they take precedence) do not.
        for (String method : List.of(
                "void display(Object o) { org.rapaio.jupyter.kernel.global.Global.display(o); }",
                "void display(String mime, Object o) { org.rapaio.jupyter.kernel.global.Global.display(mime, o); }")) {
            if (shell.eval(method).stream().anyMatch(e -> e.status() != jdk.jshell.Snippet.Status.VALID)) {
                throw new IllegalStateException("could not declare " + method);
            }
        }
    }

    /** Replaces a channel's loop thread by an equal one whose running flag is set before it starts. */
    private static void restartLoop(Object channel) throws ReflectiveOperationException, InterruptedException {
        Field loopField = field(channel.getClass(), "loopThread");
        LoopThread old = (LoopThread) loopField.get(channel);
        boolean wasDead = !old.isAlive();
        old.shutdown();
        old.join(); // at most one more pass of its loop: two threads never read one socket at once
        LoopThread fresh = new LoopThread(old.getName(), (long) field(LoopThread.class, "sleep").get(old),
                (Runnable) field(LoopThread.class, "loopBody").get(old));
        field(LoopThread.class, "running").set(fresh, true);
        loopField.set(channel, fresh);
        fresh.start();
        if (wasDead || Boolean.getBoolean("rjk.reportRestarts")) {
            System.err.println("KernelLauncher: " + channel.getClass().getSimpleName() + "'s loop thread "
                    + (wasDead ? "had ended before serving (the start-up race); restarted" : "restarted"));
        }
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        Field f = type.getDeclaredField(name);
        f.setAccessible(true);
        return f;
    }
}
