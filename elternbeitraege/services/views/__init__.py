"""Read views: what parents, facilities and clerks see; they query and never write."""
