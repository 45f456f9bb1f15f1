package io.regzoo.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.ColorScheme;
import picocli.CommandLine.Parameters;

/**
 * {@code regzoo help [COMMAND [SUBCOMMAND...]]}: the usage help of a command at any depth
 * ({@code regzoo help data fetch} shows {@code fetch}'s), the same text as {@code COMMAND --help}.
 * picocli's own {@link CommandLine.HelpCommand} looks one level down only.
 */
@Command(name = "help", helpCommand = true,
        description = "Show the help of a command, e.g. 'regzoo help data fetch' (the same as 'regzoo data fetch --help').")
final class HelpCommand implements CommandLine.IHelpCommandInitializable2, Runnable {

    @Parameters(arity = "0..*", paramLabel = "COMMAND", description = "The command, then its subcommands.")
    private List<String> path = new ArrayList<>();

    private CommandLine self;
    private ColorScheme colors;
    private PrintWriter out;

    @Override
    public void init(CommandLine helpCommandLine, ColorScheme colorScheme, PrintWriter outWriter, PrintWriter errWriter) {
        this.self = helpCommandLine;
        this.colors = colorScheme;
        this.out = outWriter;
    }

    @Override
    public void run() {
        CommandLine target = self.getParent();
        for (String name : path) {
            CommandLine sub = target.getSubcommands().get(name);
            if (sub == null) {
                throw new CommandLine.ParameterException(self, "Unknown command: '" + name + "'"
                        + (target.getSubcommands().isEmpty() ? " ('" + target.getCommandSpec().qualifiedName()
                                + "' has no subcommands)" : "; expected one of "
                                + String.join(", ", target.getSubcommands().keySet())));
            }
            target = sub;
        }
        target.usage(out, colors);
        out.flush();
    }
}
