"""The learning library: every published JTAI findings letter, searchable, by area and by
theme, imported from the letters' PDFs through the pure reader in :mod:`jtai.letters`."""
