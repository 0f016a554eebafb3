"""Assessing the fee: what the engine is told, the clerk's review and corrections, the deciding transition."""
