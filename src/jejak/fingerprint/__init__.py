"""Fingerprints of one article's text and facts: shingles, MinHash/LSH signatures and rare facts.

This package sits below the store (the store keeps the fingerprints it computes here) and
imports nothing from jejak.store, jejak.provenance, jejak.api or jejak.web.
"""
