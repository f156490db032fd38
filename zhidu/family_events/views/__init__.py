"""Pages of family-event declarations (R9), split by who uses them: the declarant's (declarations),
discipline inspection's (oversight) and the printed and exported documents (documents)."""
