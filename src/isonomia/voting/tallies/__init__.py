"""Tallies of ranked and approval ballots: plurality, approval, Schulze, IRV, STV."""
