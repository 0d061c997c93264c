"""Allow ``python -m secresponder``."""

from secresponder.cli.main import run

if __name__ == "__main__":
    run()
