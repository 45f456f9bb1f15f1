package io.regzoo.zoo;

import java.util.List;

/**
 * Adds networks to the zoo from outside regzoo (DJL's {@code ZooProvider} idea): implement it with
 * a public no-argument constructor, list the class in
 * {@code META-INF/services/io.regzoo.zoo.ZooProvider}, and {@link ModelZoo} finds it through
 * {@link java.util.ServiceLoader} when it is first used. Built-in networks are listed in
 * {@link ModelZoo} itself.
 */
public interface ZooProvider {

    /**
     * The networks this provider adds.
     *
     * @return the entries; their names must not clash with the zoo's other names
     */
    List<ZooEntry> entries();
}
