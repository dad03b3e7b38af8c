"""Loop Lab's asyncio probe: streams a program's loop lag, executor task spans and stalls with
their culprit to Loop Lab (docs/PROTOCOL.md). Standard library only, Python 3.8+.

    import looplab_probe; looplab_probe.install()

or run a script under it: ``python3 -m looplab_probe app.py [args]``. The probe is a guest: it
never raises into the program, prints nothing (unless LOOPLAB_PROBE_DEBUG=1) and, without
Loop Lab listening, leaves no trace but its two daemon threads."""
import atexit
import os
import sys

from . import _config

__all__ = ['install', 'uninstall', 'installed']

EXIT_FLUSH_S = 0.1

_installed = False
_fork_hooked = False


def installed():
    return _installed


def install():
    """Probe every asyncio loop that runs from now on (and the one running now, if any).
    asyncio is not imported for it: the patches wait until the program imports asyncio."""
    global _installed, _fork_hooked
    if _installed:
        return
    try:
        _installed = True
        _config.enabled = True
        atexit.register(_at_exit)
        if not _fork_hooked and hasattr(os, 'register_at_fork'):
            os.register_at_fork(after_in_child=_after_fork)
            _fork_hooked = True
        if 'asyncio' in sys.modules:
            _patch_asyncio()
        else:
            sys.meta_path.insert(0, _AsyncioImportHook())
    except Exception as exc:
        _config.fail('install', exc)


def uninstall():
    """Restore asyncio and flush what is queued; loops already ticking stop at their next tick."""
    global _installed
    if not _installed:
        return
    _installed = False
    try:
        sys.meta_path[:] = [f for f in sys.meta_path if not isinstance(f, _AsyncioImportHook)]
        from . import _hooks
        _hooks.unpatch()
        atexit.unregister(_at_exit)
        _config.enabled = False
        _at_exit()
    except Exception as exc:
        _config.fail('uninstall', exc)


def _patch_asyncio():
    try:
        from . import _hooks, _ticker
        _hooks.patch()
        import asyncio
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            loop = None
        if loop is not None:
            # install() from inside a running loop: tick it from now until it stops.
            _ticker.attach(loop, adopt=True)
    except Exception as exc:
        _config.fail('patching asyncio', exc)


def _at_exit():
    try:
        from . import _ticker
        if _ticker.sender is not None:
            _ticker.sender.stop(EXIT_FLUSH_S)
    except Exception:
        pass


def _after_fork():
    # The child has no sender or watchdog thread: it starts its own when its loop runs.
    try:
        from . import _sender, _ticker
        _sender.reset_after_fork()
        _ticker.reset_after_fork()
    except Exception as exc:
        _config.fail('fork', exc)


class _AsyncioImportHook:
    """Patches asyncio right after the program imports it, so programs that never use asyncio
    do not pay for importing it."""

    def find_spec(self, name, path=None, target=None):
        if name != 'asyncio':
            return None
        try:
            import importlib.util
            sys.meta_path.remove(self)
            spec = importlib.util.find_spec(name)
            if spec is None or spec.loader is None or not hasattr(spec.loader, 'exec_module'):
                return spec
            spec.loader = _PatchingLoader(spec.loader)
            return spec
        except Exception as exc:
            _config.fail('import hook', exc)
            return None


class _PatchingLoader:
    def __init__(self, loader):
        self._loader = loader

    def create_module(self, spec):
        return self._loader.create_module(spec)

    def exec_module(self, module):
        self._loader.exec_module(module)
        if _installed and _config.enabled:
            _patch_asyncio()

    def __getattr__(self, name):
        return getattr(self._loader, name)
