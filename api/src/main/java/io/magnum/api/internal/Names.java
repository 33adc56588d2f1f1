package io.magnum.api.internal;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Today's Magnum names an unnamed cluster or template for the user: {@code zeta-22-cluster}. */
final class Names
{
    private static final List<String> LETTERS = List.of("alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta",
            "theta", "iota", "kappa", "lambda", "mu", "nu", "xi", "omicron", "pi", "rho", "sigma", "tau", "upsilon",
            "phi", "chi", "psi", "omega");

    private Names()
    {
    }

    /**
     * @param suffix {@code cluster} or {@code template}
     * @return a fresh name
     */
    static String generate(String suffix)
    {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return LETTERS.get(random.nextInt(LETTERS.size())) + "-" + random.nextInt(1, 100) + "-" + suffix;
    }
}
