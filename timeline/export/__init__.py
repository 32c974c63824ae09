"""Export a finished timeline as data, in the formats people use.

Needs: Timeline. Adds: nothing; it only reads. Each function returns the file's text, the
same bytes for the same timeline.
"""

from timeline.export.contract import to_json, to_record
from timeline.export.ical import to_ics
from timeline.export.markdown import to_markdown
from timeline.export.tables import to_csv, to_mentions_csv
from timeline.export.timelinejs import to_timelinejs

__all__ = ["to_csv", "to_ics", "to_json", "to_markdown", "to_mentions_csv", "to_record", "to_timelinejs"]
