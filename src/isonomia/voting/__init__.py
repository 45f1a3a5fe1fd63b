"""Pure voting engine: weights, decision rules, power indices and tallies."""
