"""The parents' declaration: their answers task by task, and the proofs they upload."""
