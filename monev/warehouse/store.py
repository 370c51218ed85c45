"""The warehouse file as a series of immutable versions, so a load never blocks or breaks a reader.

DuckDB lets one process hold a database file for writing, and while it does, no other process can
open the file even read-only. So the path users name (MONEV_DB, --db) is a symbolic link to the
version in force, `<name>.versi/NNNNNN.duckdb`, and a published version is never written again:

- a load takes the writer's lock (an flock, released by the kernel if the process dies), copies
  the version in force to `tmp-NNNNNN.duckdb`, loads into the copy, checkpoints and closes it,
  renames it to `NNNNNN.duckdb` and publishes it by atomically replacing the link;
- readers open the version the link names, read-only, and move to a new version on their next
  run (monev.warehouse.db.engine).

A load killed at any moment leaves the link on the old version, so the warehouse is exactly as it
was before that load; the next load removes what the killed one left behind. The version in force
and the one before it are kept: a reader that started its run just before a publish finishes on it.
A path that is still a plain DuckDB file (made before versions existed, or copied with `cp`) is
read as it is and becomes a link at its first load.
"""
from __future__ import annotations

import fcntl
import getpass
import os
import re
import shutil
import signal
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

VERSION_NAME = re.compile(r"(\d{6})\.duckdb")
LOCK_TIMEOUT_SECONDS = float(os.environ.get("MONEV_LOCK_TIMEOUT", "900"))
CRASH_ENV = "MONEV_UJI_HENTI"  # tests: the name of a point at which the loading process kills itself
KEEP_VERSIONS = 2


class WarehouseBusy(Exception):
    """Another load holds the writer's lock for longer than we may wait; the message says who."""


def live_path(db_path: str | Path) -> Path:
    """The path users name, absolute but not resolved: resolving would follow the link to a version."""
    return Path(os.path.abspath(db_path))


def versions_dir(live: Path) -> Path:
    return live.with_name(live.name + ".versi")


def in_force(live: Path) -> Path | None:
    """The file readers open: the version the link names, or the plain file; None when neither exists."""
    if live.is_symlink():
        target = Path(os.path.realpath(live))
        return target if target.is_file() else None
    return live if live.is_file() else None


def _wal(path: Path) -> Path:
    return path.with_name(path.name + ".wal")


def crash_point(name: str) -> None:
    """Fault injection for the crash-safety tests: SIGKILL this process at the named point."""
    if os.environ.get(CRASH_ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextmanager
def _writer_lock(directory: Path, wait: Callable[[str], None] | None) -> Iterator[None]:
    lock_path, holder_path = directory / "kunci", directory / "kunci.pemegang"
    with open(lock_path, "a+") as lock:
        deadline = time.monotonic() + LOCK_TIMEOUT_SECONDS
        told = False
        while True:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                holder = holder_path.read_text(encoding="utf-8").strip() if holder_path.exists() else "tidak diketahui"
                if time.monotonic() > deadline:
                    raise WarehouseBusy(
                        f"Gudang data sedang dimuat oleh proses lain ({holder}) lebih dari "
                        f"{LOCK_TIMEOUT_SECONDS:.0f} detik. Tidak ada yang berubah; coba lagi setelah "
                        "pemuatan itu selesai.") from None
                if wait and not told:
                    wait(f"Menunggu pemuatan lain selesai ({holder})")
                    told = True
                time.sleep(0.2)
        try:
            holder_path.write_text(f"pid {os.getpid()}, {getpass.getuser()}, sejak "
                                   f"{datetime.now():%Y-%m-%d %H:%M:%S}", encoding="utf-8")
            yield
        finally:
            holder_path.unlink(missing_ok=True)
            fcntl.flock(lock, fcntl.LOCK_UN)


def _numbers(directory: Path) -> list[int]:
    return sorted(int(m.group(1)) for p in directory.iterdir() if (m := VERSION_NAME.fullmatch(p.name)))


def _remove_leftovers(live: Path, directory: Path, current: Path | None) -> None:
    """What a killed load left: its copy (and WAL), a version it renamed but never published, and
    its half-made link."""
    plain = current == live
    for path in directory.iterdir():
        newer = current is not None and current.parent == directory and path.name > current.name
        if path.name.startswith("tmp-") or (VERSION_NAME.fullmatch(path.name) and (newer or plain)):
            path.unlink(missing_ok=True)
    for link in live.parent.glob(f".{live.name}.tautan-*"):
        link.unlink(missing_ok=True)


def _prune(directory: Path) -> None:
    """Keep the version in force and the one before it; older ones no reader can still be starting on."""
    for number in _numbers(directory)[:-KEEP_VERSIONS]:
        (directory / f"{number:06d}.duckdb").unlink(missing_ok=True)


def _copy(current: Path | None, work: Path, meanwhile: Callable[[], None] | None) -> None:
    """The version in force (and a plain file's WAL) copied to work, with meanwhile run in this
    thread while a worker copies: the copy is the kernel's work (sendfile, the GIL released), so
    a load can parse its first file on the CPU while the disk copies a warehouse of a gigabyte.
    Returns once both are done; a failed copy or meanwhile leaves no copy behind."""
    def copy() -> None:
        if current is not None:
            shutil.copyfile(current, work)
            if _wal(current).exists():  # only a plain file made before versions can have one
                shutil.copyfile(_wal(current), _wal(work))

    try:
        if meanwhile is None:
            copy()
            return
        with ThreadPoolExecutor(max_workers=1) as pool:
            copying = pool.submit(copy)
            try:
                meanwhile()
                crash_point("sambil_menyalin")
            finally:
                copying.result()  # waited for either way: the copy is never left writing
    except BaseException:
        _discard(work)
        raise


@contextmanager
def draft(db_path: str | Path, wait: Callable[[str], None] | None = None,
          meanwhile: Callable[[], None] | None = None) -> Iterator[Draft]:
    """A private copy of the version in force to load into, published when the block ends without
    an exception and without draft.discard(); one at a time per warehouse. meanwhile, if given,
    runs while the copy is made (see _copy), under the writer's lock."""
    live = live_path(db_path)
    directory = versions_dir(live)
    directory.mkdir(parents=True, exist_ok=True)
    with _writer_lock(directory, wait):
        current = in_force(live)
        _remove_leftovers(live, directory, current)
        number = max(_numbers(directory), default=0) + 1
        work = directory / f"tmp-{number:06d}.duckdb"
        _copy(current, work, meanwhile)
        crash_point("disalin")
        session = Draft(live, work, directory / f"{number:06d}.duckdb")
        try:
            yield session
        except BaseException:
            _discard(work)
            raise
        if session.discarded:
            _discard(work)
            return
        session.publish(current)


@contextmanager
def derived(source: Path, target: Path) -> Iterator[Path]:
    """A private copy of source to change; it becomes target, atomically, when the block ends
    without an exception (the warehouse as loaded at an earlier batch, say). Never the live path."""
    target.parent.mkdir(parents=True, exist_ok=True)
    work = target.with_name(f"tmp-{os.getpid()}-{target.name}")
    shutil.copyfile(source, work)
    try:
        yield work
    except BaseException:
        _discard(work)
        raise
    _fsync(work)
    os.replace(work, target)


def _discard(work: Path) -> None:
    work.unlink(missing_ok=True)
    _wal(work).unlink(missing_ok=True)


class Draft:
    """The copy being loaded; the owner opens it (monev.warehouse.db.writing) and closes it before
    the block ends, so it is complete and checkpointed when published."""

    def __init__(self, live: Path, work: Path, final: Path):
        self.live, self.work, self.final = live, work, final
        self.engine = None  # set by db.writing
        self.discarded = False

    def discard(self) -> None:
        """Nothing changed (every file rejected or loaded before): keep the version in force."""
        self.discarded = True

    def publish(self, previous: Path | None) -> None:
        if _wal(self.work).exists():
            raise RuntimeError(f"Salinan gudang data {self.work} belum ditutup; tidak diterbitkan.")
        _fsync(self.work)
        crash_point("ditutup")
        os.replace(self.work, self.final)
        link = self.live.with_name(f".{self.live.name}.tautan-{os.getpid()}")
        link.unlink(missing_ok=True)
        os.symlink(f"{self.final.parent.name}/{self.final.name}", link)
        crash_point("dinamai")
        os.replace(link, self.live)  # the moment the load becomes visible, all at once
        _fsync(self.live.parent)
        crash_point("diterbitkan")
        if previous is not None and previous == self.live:  # a plain file is now a link; its WAL is in the copy
            _wal(previous).unlink(missing_ok=True)
        _prune(self.final.parent)
