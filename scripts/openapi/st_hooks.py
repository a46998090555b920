"""schemathesis hooks for whosaid's API check (scripts/check-openapi.sh).

The bulk route takes NDJSON, which schemathesis cannot write by itself: the body is sent
as its text, as for text/plain (the document says any text is judged line by line).
"""
import schemathesis

schemathesis.serializer.alias("application/x-ndjson", "text/plain")
