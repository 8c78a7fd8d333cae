"""E-learning modules: the model, manifest loading and validation, the library, page rendering."""
