"""Video lessons: caption files, watched coverage, and the video players behind one interface.

Pure (no Qt, no libVLC): `captions` (read and check WebVTT/SRT; `caption_blocks` finds lines for
its messages), `transcript` (cue at a time, search, text to save), `coverage` (watched
intervals), `clock` (0:07 style times), `failures` (what to tell the learner).

Players: `backend.VideoBackend` is the interface the reader uses (`NoBackend` when nothing can
play, `fake_backend.FakeBackend` for tests); `vlc_backend` plays through libVLC (the primary
player: `vlc_loader`, `vlc_events`, `vlc_surface`), `qt_backend` through QtMultimedia (the
fallback, imported only when needed); `choose.choose_backend()` picks one and gives the one-line
notice. Both real players use `watchdog` to turn "nothing happened" into a failure.

Checks: `lesson_check.check_video_lesson` (or `video_lesson_problems`, as lines) and `probe` for
`vrlearn validate`;
`frames_check.video_self_test` for `vrlearn self-test`.

Importing this package imports nothing heavy: each module is imported where it is used.
"""
