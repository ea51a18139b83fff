"""The 首问负责 tab."""
