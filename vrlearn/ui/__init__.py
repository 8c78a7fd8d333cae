"""The Qt widgets of VR Learn: library, module reader and dialogs.

Only this package (and the composition root `vrlearn.app`) imports QtWidgets. Widgets call the
domain (`vrlearn.modules`) and the records service; they never read files or TinyDB themselves.
"""
