"""Set up and run secresponder on a fresh checkout, on Linux, macOS or Windows.

``./start`` and ``start.cmd`` run ``bootstrap.py start [COMMAND ...]``; ``./test`` and
``test.cmd`` run ``bootstrap.py test [PYTEST ARGS ...]``; ``./package`` and
``package.cmd`` run ``bootstrap.py package``. Each creates the project's virtual
environment on first use (``.venv``, or ``$SECRESPONDER_VENV``) and (re)installs the
project into it whenever pyproject.toml changes, then starts the app, lints and runs
the tests headless, or builds the one-folder app in ``dist/secresponder`` and
smoke-tests it. Nothing needs admin rights or bash.

This file runs under whatever Python started it, so it keeps to syntax Python 3.6
can parse: an old one must get the sentence below, not a SyntaxError.
"""

import hashlib
import os
import subprocess
import sys

MINIMUM = (3, 11)
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WINDOWS = os.name == "nt"


def say(message):
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


def venv_dir():
    return os.environ.get("SECRESPONDER_VENV") or os.path.join(ROOT, ".venv")


def venv_python(venv, windows=WINDOWS):
    """The virtual environment's interpreter: Scripts\\python.exe on Windows, bin/python else."""
    if windows:
        return os.path.join(venv, "Scripts", "python.exe")
    return os.path.join(venv, "bin", "python")


def stamp_path(venv, extras):
    """A marker that the project, as pyproject.toml now describes it, is installed."""
    with open(os.path.join(ROOT, "pyproject.toml"), "rb") as fh:
        digest = hashlib.sha256(fh.read()).hexdigest()[:16]
    return os.path.join(venv, ".installed-" + digest + ("-" + extras.strip("[]") if extras else ""))


def check_python():
    if sys.version_info < MINIMUM:
        say("secresponder needs Python {}.{} or newer; this is Python {}.{} ({}).".format(
            *MINIMUM, *sys.version_info[:2], sys.executable))
        sys.exit(1)


def ensure_venv(extras):
    """Create the environment if needed and install the project; returns its interpreter."""
    venv = venv_dir()
    python = venv_python(venv)
    if not os.path.isfile(python):
        say(f"Creating the virtual environment in {venv}...")
        made = subprocess.call([sys.executable, "-m", "venv", venv],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if made != 0 or not os.path.isfile(python):
            hint = ("" if WINDOWS else
                    "; on Debian or Ubuntu run: sudo apt-get install python3-venv")
            say(f"Python could not create a virtual environment in {venv}{hint}.")
            sys.exit(1)
    stamp = stamp_path(venv, extras)
    # An install with the test extras serves ./start as well.
    if os.path.exists(stamp) or (not extras and os.path.exists(stamp_path(venv, "[test]"))):
        return python
    say(f"Setting up secresponder in {venv} (on first use and after pyproject.toml changes)...")
    installed = subprocess.call(
        [python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         "-e", "." + extras],
        cwd=ROOT, stdout=sys.stderr,
    )
    if installed != 0:
        say(f"Installing secresponder into {venv} failed (see pip's message above); it needs "
            "access to PyPI once, directly or through your proxy (set HTTPS_PROXY).")
        sys.exit(installed)
    open(stamp, "w").close()
    return python


def run(command, env=None):
    """Run ``command`` in the project folder and return its exit code."""
    try:
        return subprocess.call(command, cwd=ROOT, env=env)
    except KeyboardInterrupt:
        return 130


def start(args):
    python = ensure_venv("")
    command = [python, "-m", "secresponder", *args]
    if not WINDOWS:
        os.chdir(ROOT)
        os.execv(python, command)  # the app takes this process's place (signals, exit code)
    return run(command)


# System programs some tests drive: a throwaway PostgreSQL server (the team workspace)
# and LibreOffice Writer (a filled form must open). Debian package for each probe.
TEST_TOOLS = (
    ("postgresql", ("/usr/lib/postgresql/*/bin/initdb", "initdb")),
    ("libreoffice-writer-nogui", ("/usr/lib/libreoffice/program/libswlo.so",)),
)


def _found(probes):
    import glob
    import shutil

    return any(glob.glob(p) if "/" in p else shutil.which(p) for p in probes)


def ensure_test_tools():
    """In CI on a Debian machine (as root), install the system programs the tests drive.

    A developer's own machine is never changed: there the tests that need a missing
    program fail (or, for LibreOffice, skip) with a sentence saying what to install.
    """
    if WINDOWS or not os.environ.get("CI") or os.geteuid() != 0:
        return
    import shutil

    if shutil.which("apt-get") is None:
        return
    missing = [package for package, probes in TEST_TOOLS if not _found(probes)]
    if not missing:
        return
    say("Installing " + ", ".join(missing) + " for the tests...")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    quiet = {"stdout": subprocess.DEVNULL, "env": env}
    if subprocess.call(["apt-get", "update", "-qq"], **quiet) != 0 or subprocess.call(
        ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing], **quiet
    ) != 0:
        say("Could not install " + ", ".join(missing) + "; the tests that need them will say so.")


def test(args):
    python = ensure_venv("[test]")
    ensure_test_tools()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONDONTWRITEBYTECODE="1")
    linted = run([python, "-m", "ruff", "check", "."], env=env)
    if linted != 0:
        return linted
    return run([python, "-m", "pytest", *args], env=env)


def frozen_program(dist, windowed=False):
    """The built app's executable in ``dist`` (the folder PyInstaller wrote)."""
    name = "secresponder-window" if windowed else "secresponder"
    return os.path.join(dist, "secresponder", name + (".exe" if WINDOWS else ""))


def package(args):
    python = ensure_venv("[package]")
    dist = os.path.join(ROOT, "dist")
    built = run([python, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
                 "--distpath", dist, "--workpath", os.path.join(ROOT, "build", "pyinstaller"),
                 os.path.join(ROOT, "packaging", "secresponder.spec")])
    if built != 0:
        return built
    program = frozen_program(dist)
    smoke = run([program, "--version"])
    if smoke != 0:
        say(f"The built app {program} did not start (exit code {smoke}).")
        return smoke
    say(f"Built {os.path.dirname(program)}: run {os.path.basename(program)} for the command "
        "line or the window, secresponder-window for the window alone.")
    return 0


ACTIONS = {"start": start, "test": test, "package": package}


def main(argv):
    check_python()
    if not argv or argv[0] not in ACTIONS:
        say("usage: bootstrap.py start [COMMAND ...] | test [PYTEST ARGS ...] | package")
        return 2
    return ACTIONS[argv[0]](argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
