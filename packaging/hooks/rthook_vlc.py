"""PyInstaller runtime hook: use the bundled libVLC and its plugins, never a system VLC.

Runs before the app's code, so before `import vlc`. python-vlc reads PYTHON_VLC_LIB_PATH (the
library to load) and PYTHON_VLC_MODULE_PATH (the plugin folder); libVLC itself reads
VLC_PLUGIN_PATH. All three point inside the bundle (layout: packaging/vrlearn.spec). If the
bundled library is missing, nothing is set and VR Learn falls back as it does from source.
"""

import os
import sys


def _bundled_vlc(root: str) -> tuple[str, list[str], str]:
    """(libvlc to load, libraries to load first, plugin folder) for this platform."""
    vlc = os.path.join(root, "vlc")
    if sys.platform.startswith("win"):
        return os.path.join(vlc, "libvlc.dll"), [], os.path.join(vlc, "plugins")
    if sys.platform == "darwin":
        lib = os.path.join(vlc, "lib")
        core = [os.path.join(lib, "libvlccore.dylib")]
        return os.path.join(lib, "libvlc.dylib"), core, os.path.join(vlc, "plugins")
    # Linux: the libraries sit beside the other bundled libraries, where the bootloader's
    # LD_LIBRARY_PATH finds them first, also for the plugins (whose RUNPATH names the system
    # VLC folder, for libvlc_pulse and libvlc_xcb_events); libVLC looks for its plugins in
    # <folder of libvlccore>/vlc/plugins. Nothing is loaded here: start-up stays quick.
    return os.path.join(root, "libvlc.so.5"), [], os.path.join(vlc, "plugins")


def _use_bundled_vlc() -> None:
    root = getattr(sys, "_MEIPASS", None)
    if root is None:
        return
    lib, first, plugins = _bundled_vlc(root)
    if not (os.path.isfile(lib) and os.path.isdir(plugins)):
        return
    if first:
        import ctypes

        for path in first:
            try:
                ctypes.CDLL(path, mode=getattr(ctypes, "RTLD_GLOBAL", 0))
            except OSError:
                pass  # python-vlc's own load of `lib` then reports the problem
    if sys.platform.startswith("win"):
        os.add_dll_directory(os.path.dirname(lib))
    os.environ["PYTHON_VLC_LIB_PATH"] = lib
    os.environ["PYTHON_VLC_MODULE_PATH"] = plugins
    os.environ["VLC_PLUGIN_PATH"] = plugins


_use_bundled_vlc()
