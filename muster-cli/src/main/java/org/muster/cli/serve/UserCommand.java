package org.muster.cli.serve;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.muster.domain.InvalidInputException;
import org.muster.server.security.Passwords;
import picocli.CommandLine.Command;

/** Credentials for the configuration file: password hashes and API tokens. */
@Command(
        name = "user",
        mixinStandardHelpOptions = true,
        description = "Make password hashes and API tokens for the configuration file.",
        subcommands = {UserCommand.HashPassword.class, UserCommand.NewToken.class})
public final class UserCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(
            name = "hash-password",
            mixinStandardHelpOptions = true,
            description = "Read a password (from the terminal, or one line of standard input) and print its"
                    + " Argon2 hash for muster.users[n].password-hash.")
    static final class HashPassword implements Callable<Integer> {
        @Override
        public Integer call() throws IOException {
            Console console = System.console();
            String password;
            if (console != null) {
                char[] typed = console.readPassword("password: ");
                password = typed == null ? "" : new String(typed);
            } else {
                String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                password = line == null ? "" : line;
            }
            if (password.length() < 12)
                throw InvalidInputException.of("password", "(hidden)", "must be at least 12 characters");
            System.out.println(Passwords.hash(password));
            return 0;
        }
    }

    @Command(
            name = "new-token",
            mixinStandardHelpOptions = true,
            description = "Print a new API token (give it to the integration) and its SHA-256 (put it in"
                    + " muster.tokens[n].sha256).")
    static final class NewToken implements Callable<Integer> {
        @Override
        public Integer call() {
            String token = Passwords.newToken();
            System.out.println("token:  " + token);
            System.out.println("sha256: " + Passwords.sha256(token));
            return 0;
        }
    }
}
