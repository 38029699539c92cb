"""Only one build step pyproject.toml cannot say: the wheel ships the
harness's default files (browsers.yaml, targets.yaml, audit.yaml, which stay
at the root of this repository, their only source) as ``harness/data/``, read
by ``harness/defauts.py`` with importlib.resources. Everything else is in
pyproject.toml."""
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ICI = Path(__file__).resolve().parent
LIVRES = ("browsers.yaml", "targets.yaml", "audit.yaml")   # harness.defauts.LIVRES


class BuildPy(build_py):
    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return   # an editable install reads the checkout's own files
        data = Path(self.build_lib) / "harness" / "data"
        data.mkdir(parents=True, exist_ok=True)
        for nom in LIVRES:
            shutil.copyfile(ICI / nom, data / nom)


setup(cmdclass={"build_py": BuildPy})
