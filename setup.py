"""Ship the top-level resources/ folder inside the wheel as secresponder/resources."""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithResources(build_py):
    def run(self) -> None:
        super().run()
        source = Path(__file__).parent / "resources"
        target = Path(self.build_lib) / "secresponder" / "resources"
        for path in source.rglob("*"):
            if path.is_file():
                destination = target / path.relative_to(source)
                self.mkpath(str(destination.parent))
                self.copy_file(str(path), str(destination))


setup(cmdclass={"build_py": BuildWithResources})
