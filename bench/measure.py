"""What the benchmark measures besides latency: the machine, its load, and CPU time and memory of a process tree."""

from __future__ import annotations

import os
import platform
import statistics
import threading
import time
from importlib import metadata
from pathlib import Path
from typing import Dict, List


def loadavg() -> List[float]:
    return [round(x, 2) for x in os.getloadavg()]


def version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def machine() -> Dict:
    mem = Path("/proc/meminfo").read_text().split("\n")[0].split()[1]
    cpu = next(
        (ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines() if "model name" in ln),
        "?",
    )
    return {
        "cores": os.cpu_count(),
        "cpu": cpu,
        "ram_gib": round(int(mem) / 2**20, 1),
        "python": platform.python_version(),
        "rasa": version("rasa"),
        "tensorflow": version("tensorflow"),
        "spacy": version("spacy"),
        "kernel": platform.release(),
        "loadavg_start": loadavg(),
    }


def wait_for_load(max_load: float, limit: float) -> Dict:
    """Poll until the 1-minute load average is below max_load (or limit seconds passed)."""
    start, first = time.monotonic(), loadavg()
    while os.getloadavg()[0] >= max_load and time.monotonic() - start < limit:
        print(f"  load average {loadavg()} >= {max_load}: waiting ({time.monotonic() - start:.0f}s)", flush=True)
        time.sleep(20)
    return {"before": first, "after": loadavg(), "waited_s": round(time.monotonic() - start)}


def machine_cpu_s() -> float:
    """Busy CPU seconds of the whole machine since boot (all cores; /proc/stat, idle and iowait excluded)."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    return (sum(fields) - fields[3] - fields[4]) / os.sysconf("SC_CLK_TCK")


class LoadSampler:
    """Samples the 1-minute load average every `every` seconds in a thread while the `with` block runs."""

    def __init__(self, every: float = 2.0) -> None:
        self.every, self.samples = every, [os.getloadavg()[0]]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            self.samples.append(os.getloadavg()[0])

    def __enter__(self) -> LoadSampler:
        self._thread.start()
        return self

    def __exit__(self, *_) -> None:
        self._stop.set()
        self._thread.join()
        self.samples.append(os.getloadavg()[0])

    def summary(self) -> Dict:
        return {
            "min": round(min(self.samples), 2),
            "mean": round(statistics.fmean(self.samples), 2),
            "max": round(max(self.samples), 2),
        }


def proc_tree(pid: int) -> List[int]:
    children: Dict[int, List[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [pid], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def proc_status(pid: int) -> Dict:
    """Peak (VmHWM) and current (VmRSS) resident memory in MiB, and CPU seconds, summed over the process tree."""
    hwm = rss = 0
    cpu = 0.0
    tick = os.sysconf("SC_CLK_TCK")
    for p in proc_tree(pid):
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    hwm += int(line.split()[1])
                elif line.startswith("VmRSS:"):
                    rss += int(line.split()[1])
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            cpu += (int(fields[11]) + int(fields[12])) / tick
        except (OSError, IndexError, ValueError):
            pass
    return {"peak_rss_mib": round(hwm / 1024), "rss_mib": round(rss / 1024), "cpu_s": round(cpu, 2)}
