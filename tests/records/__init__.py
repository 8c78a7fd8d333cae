"""Tests of the records store (vrlearn.records)."""
