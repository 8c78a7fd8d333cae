"""Quizzes: the question model, attempts and scoring, and the TOML and GIFT quiz files.

Pure Python: nothing here imports Qt or touches the records store. The UI builds an attempt with
`engine.build_attempt`, collects answers, and hands them to `engine.score`.
"""
