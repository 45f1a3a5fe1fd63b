"""The domain: commands, events, refusals, and the state they fold into."""
