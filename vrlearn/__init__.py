"""VR Learn: an offline e-learning player for vocational rehabilitation training."""

__version__ = "0.1.0"
