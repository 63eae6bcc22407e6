"""Readers: bytes of a manuscript in some format -> the model."""
