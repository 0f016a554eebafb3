"""The fee case's life: opened by an admission, moved through the workflow, changed, and what is due on a day."""
