"""Documents: a notice's words and reasons, letters, samples, issuing one notice and issuing in batches."""
