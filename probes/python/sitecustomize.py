"""Loop Lab's sitecustomize: `looplab record` puts probes/python first on PYTHONPATH and sets
LOOPLAB_PROBE=1; this installs the probe, then runs the sitecustomize that Python would have
found further along sys.path, so the program's own set-up still happens."""
import os
import sys


def _install_probe():
    if os.environ.get('LOOPLAB_PROBE') != '1':
        return
    try:
        import looplab_probe
        looplab_probe.install()
    except Exception:
        pass


def _chain():
    import importlib.machinery
    import importlib.util
    here = os.path.dirname(os.path.realpath(__file__))
    later = [p for p in sys.path if os.path.realpath(p or os.curdir) != here]
    spec = importlib.machinery.PathFinder.find_spec('sitecustomize', later)
    if spec is None or spec.loader is None or \
            os.path.realpath(spec.origin or '') == os.path.realpath(__file__):
        return
    module = importlib.util.module_from_spec(spec)
    sys.modules['sitecustomize'] = module
    spec.loader.exec_module(module)


_install_probe()
_chain()
