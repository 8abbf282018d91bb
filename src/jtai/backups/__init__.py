"""Backups of the database and the stored files in one archive with a manifest
(``jtai backup`` / ``jtai restore``). :mod:`.manifest` is pure Python: what a backup
holds and whether this code can restore it; :mod:`.archive` does the work."""
