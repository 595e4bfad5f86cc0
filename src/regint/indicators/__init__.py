"""Integration indicators: pure functions on tidy frames, returning numbers, frames or frozen results.

Modules
-------
trade
    Openness, partner share, trade balance, trade intensity, Balassa RCA, Grubel-Lloyd, complementarity,
    Finger-Kreinin similarity, Herfindahl-Hirschman, Novy trade costs.
structure
    Krugman specialisation, structural similarity, location quotients, shift-share.
convergence
    Sigma and beta convergence, the pair's gap and its closing year, Markov mobility of income classes.
prices
    Bilateral real exchange rate, price-level gaps, ADF/KPSS tests, half-life of deviations.
cycles
    HP, Baxter-King and Christiano-Fitzgerald filters, synchronisation, Harding-Pagan concordance.
preconditions
    Every indicator a long observation panel allows for the pair and its comparators.
"""

from regint.indicators import convergence, cycles, preconditions, prices, structure, trade

__all__ = ["convergence", "cycles", "preconditions", "prices", "structure", "trade"]
