"""The 一次性告知 tab: counter checklist, notice register, matter catalogue, statistics."""
