"""``studypress sync``: the project's deck written into an Anki collection (``sync.py``), the
collection checked and opened (``collection.py``), and the command (``command.py``).

Nothing is imported here: the command is registered on every run of ``studypress``, and the
deck renderer and the anki package load only when a sync runs.
"""
