"""Vitae: the shared Lambda layer (platform services and business domains)."""
