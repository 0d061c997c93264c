# Sourced by ./start and ./test: create the project's virtual environment on
# first use and (re)install the project whenever pyproject.toml changes.
# Usage: ensure_venv EXTRAS   (EXTRAS is "" or "[test]")

ensure_venv() {
    local extras="$1"
    VENV="${SECRESPONDER_VENV:-$PWD/.venv}"
    local python="${PYTHON:-python3}"
    if ! command -v "$python" >/dev/null 2>&1; then
        echo "secresponder needs Python 3.11 or newer, and no '$python' was found on PATH." >&2
        exit 1
    fi
    if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
        echo "secresponder needs Python 3.11 or newer; '$python' is $("$python" -V 2>&1)." >&2
        exit 1
    fi
    if [ ! -x "$VENV/bin/python" ]; then
        if ! "$python" -m venv "$VENV" >/dev/null 2>&1; then
            rm -rf "$VENV"
            echo "Python could not create a virtual environment; on Debian or Ubuntu run: sudo apt-get install python3-venv" >&2
            exit 1
        fi
    fi
    local base="$VENV/.installed-$(cksum < pyproject.toml | cut -d' ' -f1)"
    local stamp="$base${extras//[^a-z]/}"
    # An install with the test extras serves ./start as well.
    if [ -z "$extras" ] && [ -f "${base}test" ]; then
        return 0
    fi
    if [ ! -f "$stamp" ]; then
        echo "Setting up secresponder in $VENV (on first use and after pyproject.toml changes)..." >&2
        "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -e ".$extras" >&2
        touch "$stamp"
    fi
}
