"""Signals sources sends; the claims app listens, so sources never imports claims."""

from django.dispatch import Signal

# Sent inside the importing transaction with `source_id`; receivers schedule work
# on commit.
source_imported = Signal()
