"""python3 -m looplab_probe app.py [args] (or -m module [args]): run a program with the probe
installed, as `python3 app.py [args]` would run it."""
import os
import runpy
import sys

USAGE = 'usage: python3 -m looplab_probe (script.py | -m module) [args]\n'


def main():
    args = sys.argv[1:]
    if not args or args[0] in ('-h', '--help'):
        sys.stderr.write(USAGE)
        return 2
    import looplab_probe
    if args[0] == '-m':
        if len(args) < 2:
            sys.stderr.write(USAGE)
            return 2
        sys.argv = args[1:]
        sys.path.insert(0, os.getcwd())
        looplab_probe.install()
        runpy.run_module(args[1], run_name='__main__', alter_sys=True)
    else:
        script = args[0]
        sys.argv = args
        # As for `python3 app.py`: the script's folder first on sys.path.
        sys.path[0] = os.path.dirname(os.path.abspath(script))
        looplab_probe.install()
        runpy.run_path(os.path.abspath(script), run_name='__main__')
    return 0


if __name__ == '__main__':
    sys.exit(main())
