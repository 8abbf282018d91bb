"""Read published JTAI findings letters (PDF) into records. Pure Python: no Django.

``read_letter(path_or_bytes)`` returns a ``LetterRecord`` whose ``to_json()`` uses the
field names of the labelled corpus (ons_code, area, letter_date, fieldwork_start,
fieldwork_end, inspectorates, theme, published) plus is_jtai, status, reason, title,
sections, wsoa_due, principal_authority and page_count.
"""

from jtai.letters.reader import read_letter, read_letters
from jtai.letters.record import LetterRecord, Status
from jtai.letters.sections import Section

__all__ = ["LetterRecord", "Section", "Status", "read_letter", "read_letters"]
